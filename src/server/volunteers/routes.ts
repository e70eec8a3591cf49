// The volunteers area (issue 18): the public application form, the register with screening and
// onboarding, teams, tasks and shifts with sign-ups and hours, the volunteer's own screen, and the
// hours counted with a thank-you letter.
import type { FastifyInstance } from 'fastify';
import './certificate-files.js';
import './retention.js';
import { registerFigureRoutes } from './figures.js';
import { registerMineRoutes } from './mine.js';
import { registerPublicFormRoutes } from './public-form.js';
import { registerRegisterRoutes } from './register.js';
import { registerWorkRoutes } from './work.js';

export function registerVolunteerRoutes(app: FastifyInstance): void {
  registerPublicFormRoutes(app);
  registerRegisterRoutes(app);
  registerWorkRoutes(app);
  registerMineRoutes(app);
  registerFigureRoutes(app);
}
