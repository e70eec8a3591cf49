// The feedback area: templates, responses, summary.
import type { FastifyInstance } from 'fastify';
import { registerFeedbackResponseRoutes } from './responses.js';
import { registerFeedbackSummaryRoutes } from './summary.js';
import { registerFeedbackTemplateRoutes } from './templates.js';

export function registerFeedbackRoutes(app: FastifyInstance): void {
  registerFeedbackTemplateRoutes(app);
  registerFeedbackResponseRoutes(app);
  registerFeedbackSummaryRoutes(app);
}
