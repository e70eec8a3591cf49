// Break-glass from the web app (issue 17, point 3), through the shared contracts.
import {
  BreakGlassCreated,
  BreakGlassGrant,
  BreakGlassGrantList,
  BreakGlassMine,
  BreakGlassSettings,
  type BreakGlassReviewInput,
  type BreakGlassSettingsInput,
} from '../../domain/breakglass/contracts.js';
import { request } from '../app/api.js';

export const breakGlassKeys = {
  mine: ['breakglass', 'mine'] as const,
  alerts: ['breakglass', 'alerts'] as const,
  grants: (review: string) => ['breakglass', 'grants', review] as const,
  settings: ['breakglass', 'settings'] as const,
};

export const breakGlassApi = {
  mine: () => request('GET', '/api/breakglass/mine', { response: BreakGlassMine }),
  request: (caseId: string, reason: string) =>
    request('POST', '/api/breakglass/grants', { response: BreakGlassCreated, body: { caseId, reason } }),
  alerts: () => request('GET', '/api/breakglass/alerts', { response: BreakGlassGrantList }),
  grants: (review: string) => request('GET', '/api/breakglass/grants', { response: BreakGlassGrantList, query: { review } }),
  review: (id: string, body: BreakGlassReviewInput) =>
    request('POST', `/api/breakglass/grants/${id}/review`, { response: BreakGlassGrant, body }),
  settings: () => request('GET', '/api/breakglass/settings', { response: BreakGlassSettings }),
  saveSettings: (body: BreakGlassSettingsInput) => request('PUT', '/api/breakglass/settings', { response: BreakGlassSettings, body }),
};
