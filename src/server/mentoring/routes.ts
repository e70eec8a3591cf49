// The mentoring area (issue 14): the register of mentors, their training, matches with families and
// the mentoring log, supervision, and the mentor's own view of the families matched to them.
import type { FastifyInstance } from 'fastify';
import { registerMatchRoutes } from './matches.js';
import { registerMentorRoutes } from './mentors.js';
import { registerMineRoutes } from './mine.js';
import { registerSupervisionRoutes } from './supervision.js';
import { registerTrainingRoutes } from './training.js';

export function registerMentoringRoutes(app: FastifyInstance): void {
  registerMentorRoutes(app);
  registerTrainingRoutes(app);
  registerMatchRoutes(app);
  registerMineRoutes(app);
  registerSupervisionRoutes(app);
}
