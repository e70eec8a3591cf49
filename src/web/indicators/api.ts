// The indicators area through the typed client and the shared contracts of src/domain/indicators.
import { z } from 'zod';
import {
  IndicatorDetail,
  type IndicatorInput,
  type IndicatorUpdateInput,
  IndicatorValueView,
  IndicatorView,
  type RetireInput,
  ValuesView,
} from '../../domain/indicators/contracts.js';
import type { Disaggregation } from '../../domain/indicators/definition.js';
import { request } from '../app/api.js';

export interface PeriodQuery {
  from: string;
  to: string;
  programmeId?: string;
  branchId?: string;
}

export const indicatorsApi = {
  list: () => request('GET', '/api/indicators', { response: z.object({ items: z.array(IndicatorView) }) }),
  get: (id: string) => request('GET', `/api/indicators/${id}`, { response: IndicatorDetail }),
  values: (query: PeriodQuery) => request('GET', '/api/indicators/values', { response: ValuesView, query: { ...query } }),
  value: (id: string, query: PeriodQuery & { by: Disaggregation }) =>
    request('GET', `/api/indicators/${id}/value`, { response: IndicatorValueView, query: { ...query } }),
  create: (body: z.input<typeof IndicatorInput>, idempotencyKey: string) =>
    request('POST', '/api/indicators', { response: IndicatorDetail, body, idempotencyKey }),
  update: (id: string, body: z.input<typeof IndicatorUpdateInput>) =>
    request('PUT', `/api/indicators/${id}`, { response: IndicatorDetail, body }),
  retire: (id: string, body: z.input<typeof RetireInput>) =>
    request('POST', `/api/indicators/${id}/retire`, { response: IndicatorDetail, body }),
};

export const indicatorKeys = {
  all: ['indicators'] as const,
  list: ['indicators', 'list'] as const,
  one: (id: string) => ['indicators', 'one', id] as const,
  values: (query: PeriodQuery) => ['indicators', 'values', query] as const,
  value: (id: string, query: PeriodQuery & { by: Disaggregation }) => ['indicators', 'value', id, query] as const,
};
