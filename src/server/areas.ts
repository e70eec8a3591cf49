// The areas of Hearth, each registering its own routes. A new area adds one line here.
import type { FastifyInstance } from 'fastify';
import { registerBranchRoutes } from './access/branches.js';
import { registerProgrammeRoutes } from './access/programmes.js';
import { registerRoleRoutes } from './access/roles.js';
import { registerUserRoutes } from './access/users.js';
import { registerAuditRoutes } from './audit/routes.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerSystemRoutes } from './system.js';
import { registerFamilyRoutes } from './families/routes.js';
import { registerConsentRoutes } from './families/consent.js';
import { registerReferralRoutes } from './referrals/routes.js';
import { registerCaseRoutes } from './cases/routes.js';
import { registerTemplateRoutes } from './assessments/templates.js';
import { registerAssessmentRoutes } from './assessments/routes.js';
import { registerPlanRoutes } from './plans/routes.js';
import { registerWorkRoutes } from './plans/work.js';
import { registerCatalogueRoutes } from './services/catalogue.js';
import { registerServiceRoutes } from './services/routes.js';
import { registerGroupRoutes } from './services/groups.js';
import { registerPostSupportRoutes } from './services/post-support.js';
import { registerHousingRoutes } from './housing/routes.js';
import { registerOutcomeRoutes } from './outcomes/routes.js';
import { registerReportRoutes } from './reports/routes.js';

export function registerAreas(app: FastifyInstance): void {
  registerSystemRoutes(app);
  registerAuthRoutes(app);
  registerUserRoutes(app);
  registerRoleRoutes(app);
  registerBranchRoutes(app);
  registerProgrammeRoutes(app);
  registerAuditRoutes(app);
  registerReferralRoutes(app);
  registerFamilyRoutes(app);
  registerConsentRoutes(app);
  registerCaseRoutes(app);
  registerTemplateRoutes(app);
  registerAssessmentRoutes(app);
  registerPlanRoutes(app);
  registerWorkRoutes(app);
  registerCatalogueRoutes(app);
  registerServiceRoutes(app);
  registerGroupRoutes(app);
  registerPostSupportRoutes(app);
  registerHousingRoutes(app);
  registerOutcomeRoutes(app);
  registerReportRoutes(app);
}
