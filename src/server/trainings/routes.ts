// The trainings area: trainings, internships and supervision for specialists with their sessions,
// participants, attendance, tests, completion and certificates; the specialists to register; and
// consultations for external specialists.
import type { FastifyInstance } from 'fastify';
import { registerCertificateRoutes } from './certificate.js';
import { registerConsultationRoutes } from './consultations.js';
import { registerSpecialistSearch } from './specialists.js';
import { registerTrainingRoutes } from './trainings.js';

export function registerTrainingsAreaRoutes(app: FastifyInstance): void {
  registerTrainingRoutes(app);
  registerCertificateRoutes(app);
  registerSpecialistSearch(app);
  registerConsultationRoutes(app);
}
