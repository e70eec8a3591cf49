// The dashboards' API, through the shared contracts of src/domain/dashboards.
import type { z } from 'zod';
import {
  CoordinatorDashboard,
  type CoordinatorQuery,
  DirectorDashboard,
  IndicatorsDashboard,
  type IndicatorsQuery,
} from '../../domain/dashboards/contracts.js';
import { request } from '../app/api.js';

export const dashboardsApi = {
  coordinator: (query: z.input<typeof CoordinatorQuery>) =>
    request('GET', '/api/dashboards/coordinator', { response: CoordinatorDashboard, query }),
  indicators: (query: z.input<typeof IndicatorsQuery>) =>
    request('GET', '/api/dashboards/indicators', { response: IndicatorsDashboard, query }),
  programmes: () => request('GET', '/api/dashboards/programmes', { response: DirectorDashboard }),
};

export const dashboardKeys = {
  coordinator: (query: object) => ['dashboards', 'coordinator', query] as const,
  indicators: (query: object) => ['dashboards', 'indicators', query] as const,
  programmes: ['dashboards', 'programmes'] as const,
};
