// The dashboards: one GET per dashboard, figures only. The coordinator's covers the branches she
// is responsible for (as coordinator or supervisor); the M&E officer's and the director's are
// organisation-wide figures without identities, for holders of indicators.read.
import type { FastifyInstance } from 'fastify';
import {
  CoordinatorDashboard,
  CoordinatorQuery,
  DirectorDashboard,
  IndicatorsDashboard,
  IndicatorsQuery,
} from '../../domain/dashboards/contracts.js';
import { responsibleBranches } from '../cases/scope.js';
import { forbidden, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { coordinatorDashboard } from './coordinator.js';
import { directorDashboard } from './director.js';
import { indicatorsDashboard } from './indicators.js';

export function registerDashboardRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/dashboards/coordinator',
    tag: 'dashboards',
    summary: "The coordinator's dashboard over her branches: this month vs plan, caseload, overdue work",
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    query: CoordinatorQuery,
    response: CoordinatorDashboard,
    handler: async ({ tx, actor, query, deps }) => {
      const responsible = responsibleBranches(actor);
      // Figures of a whole branch are for those who answer for it; a case worker has her own lists.
      if (responsible.length === 0) throw forbidden();
      if (query.branchId && !responsible.includes(query.branchId)) throw notFound();
      const now = deps.now();
      return coordinatorDashboard(tx, query.branchId ? [query.branchId] : responsible, now.toISOString().slice(0, 10), now);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/dashboards/indicators',
    tag: 'dashboards',
    summary: 'Chosen indicators month by month (last 12 months or a year) and by branch',
    access: { kind: 'permission', permission: 'indicators.read', records: 'organization' },
    query: IndicatorsQuery,
    response: IndicatorsDashboard,
    handler: async ({ tx, actor, query, deps, req }) =>
      indicatorsDashboard(tx, actor, query, deps.now().toISOString().slice(0, 10), req.lang),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/dashboards/programmes',
    tag: 'dashboards',
    summary: "The director's view: per active programme its targets vs fact, families under support, occupancy",
    access: { kind: 'permission', permission: 'indicators.read', records: 'organization' },
    response: DirectorDashboard,
    handler: async ({ tx, deps }) => directorDashboard(tx, deps.now().toISOString().slice(0, 10)),
  });
}
