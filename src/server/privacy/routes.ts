// The data-protection area (issue 17, points 1–2): requests of data subjects and the documents given
// in answer, retention periods and the records due, destruction with its act and the register of acts.
import type { FastifyInstance } from 'fastify';
import { registerActRoutes } from './acts.js';
import { registerDocumentRoutes } from './documents.js';
import { registerRequestRoutes } from './requests.js';
import { registerRetentionRoutes } from './retention.js';

export function registerPrivacyRoutes(app: FastifyInstance): void {
  registerRequestRoutes(app);
  registerDocumentRoutes(app);
  registerRetentionRoutes(app);
  registerActRoutes(app);
}
