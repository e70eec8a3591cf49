// The outcomes area: the outcome framework, a family's outcomes and marks, follow-up contacts, cohorts.
import type { FastifyInstance } from 'fastify';
import { registerCaseOutcomeRoutes } from './case-outcomes.js';
import { registerCohortRoutes } from './cohort.js';
import { registerFollowUpRoutes } from './follow-ups.js';
import { registerFrameworkRoutes } from './frameworks.js';

export function registerOutcomeRoutes(app: FastifyInstance): void {
  registerFrameworkRoutes(app);
  registerCaseOutcomeRoutes(app);
  registerFollowUpRoutes(app);
  registerCohortRoutes(app);
}
