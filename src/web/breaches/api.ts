// The breach register from the web app (issue 17, point 5), through the shared contracts.
import { BreachList, BreachReminders, BreachView, type BreachInput, type BreachUpdate } from '../../domain/breaches/contracts.js';
import { newIdempotencyKey, request } from '../app/api.js';

export const breachKeys = { list: ['breaches'] as const, reminders: ['breaches', 'reminders'] as const };

export const breachApi = {
  list: () => request('GET', '/api/breaches', { response: BreachList }),
  create: (body: BreachInput) => request('POST', '/api/breaches', { response: BreachView, body, idempotencyKey: newIdempotencyKey() }),
  update: (id: string, body: BreachUpdate) => request('PUT', `/api/breaches/${id}`, { response: BreachView, body }),
  reminders: () => request('GET', '/api/breaches/reminders', { response: BreachReminders }),
};
