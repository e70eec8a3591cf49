// The aid area: catalogue and norms, warehouses and the stock ledger, requests and hand-outs, the
// donors' report and the hand-over act.
import type { FastifyInstance } from 'fastify';
import { registerAidCatalogueRoutes } from './catalogue.js';
import { registerAidReportRoutes } from './report.js';
import { registerAidRequestRoutes } from './requests.js';
import { registerWarehouseRoutes } from './warehouses.js';

export function registerAidRoutes(app: FastifyInstance): void {
  registerAidCatalogueRoutes(app);
  registerWarehouseRoutes(app);
  registerAidRequestRoutes(app);
  registerAidReportRoutes(app);
}
