// The partners area: the directory of partner organisations (contacts, agreements) and the
// external specialists. Referrals from and signposting to partners live in the referrals area.
import type { FastifyInstance } from 'fastify';
import { registerPartnerDirectoryRoutes } from './directory.js';
import { registerSpecialistRoutes } from './specialists.js';

export function registerPartnerRoutes(app: FastifyInstance): void {
  registerPartnerDirectoryRoutes(app);
  registerSpecialistRoutes(app);
}
