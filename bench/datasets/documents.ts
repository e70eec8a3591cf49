// Document templates for the documents scenarios (issue 16, point 2): the organisation's shipped
// templates (installed with it) and N uploaded copies of the adult consent (stored as bytes, as an
// admin's upload is), on the plans dataset's worker and their cases with 30-task plans.
import { sql } from 'drizzle-orm';
import { system } from '../../src/server/db/gateway.js';
import { inspectTemplate } from '../../src/server/documents/engine.js';
import { shippedTemplate } from '../../src/server/documents/shipped.js';
import type { Dataset } from '../lib/types.js';
import type { PlansData } from './plans.js';
import type { StaffData } from './staff.js';

export interface DocumentsData {
  workerEmail: string;
  caseIds: string[];
  /** The shipped plan template (two lists, a table of 30 tasks) and the uploaded consents. */
  planTemplateId: string;
  consentTemplateIds: string[];
}

export const documentsDataset: Dataset<DocumentsData, { staff: StaffData; plans: PlansData }> = {
  name: 'documents',
  description: "document templates: the shipped ones and uploaded copies of the consent, for the plans worker's cases",
  after: ['staff', 'plans'],
  size: { option: 'templates', default: 3, describe: 'number of uploaded document templates (copies of the consent form)' },
  async generate({ engine, size, needs, log }) {
    const { orgId } = needs.staff;
    const consent = await shippedTemplate('consent_adult');
    const placeholders = inspectTemplate(consent);
    const ids = await system(engine, async (tx) => {
      const uploaded: string[] = [];
      for (let i = 0; i < size; i += 1) {
        const rows = await tx.execute<{
          id: string;
        }>(sql`insert into document_templates (org_id, name, content, file_name, size, placeholders)
          values (${orgId}, ${`Согласие (своё) ${i + 1}`}, decode(${consent.toString('base64')}, 'base64'), 'consent.docx', ${consent.length},
            array(select jsonb_array_elements_text(${JSON.stringify(placeholders)}::jsonb))) returning id::text`);
        uploaded.push(rows.rows[0]!.id);
      }
      const plan = await tx.execute<{ id: string }>(
        sql`select id::text from document_templates where org_id = ${orgId} and shipped_code = 'support_plan'`,
      );
      return { uploaded, plan: plan.rows[0]!.id };
    });
    log(`${size} uploaded templates`);
    return {
      workerEmail: needs.plans.workerEmail,
      caseIds: needs.plans.workerPlanCaseIds,
      planTemplateId: ids.plan,
      consentTemplateIds: ids.uploaded,
    };
  },
  describe: (info) => ({ uploadedTemplates: info.consentTemplateIds.length, cases: info.caseIds.length }),
};
