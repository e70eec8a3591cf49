// The case page's answer, put together in one place (issue 12, point 11).
//
// The page shows what several areas own: the case and its team (cases), the family and its people
// (families), the consents and the sensitive notes (consent), the first page of the story
// (timeline). The read used to wander between them — the cases query called into families and
// consent code, which called back into cases for the caller's sensitive sections. Here the order is
// plain and the access decisions are made once: the case within the caller's scope first (404
// otherwise), the sensitive sections the caller may see next, then each area is asked for its part
// with those decisions passed in, and the answer is assembled. Rules about what the parts mean
// (which consents are missing, which actions the status allows) are the domain's pure functions.
import { ALLOWED_ACTIONS, type CaseStatus } from '../../domain/cases/lifecycle.js';
import type { SensitiveSection } from '../../domain/cases/sensitive.js';
import type { CaseDetail } from '../../domain/cases/contracts.js';
import type { FamilyView } from '../../domain/families/contracts.js';
import { missingConsents, requiredConsentsOf, type ConsentKind } from '../../domain/families/consents.js';
import type { AuditContext } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { listConsents, readSensitive } from '../families/consent.js';
import { getFamily } from '../families/queries.js';
import { caseView, getCaseSummary } from './queries.js';
import { sectionsFor } from './scope.js';
import { FIRST_PAGE, timelinePage } from './timeline.js';

/** Documents of the family's people that are lost, being restored or never issued. */
function documentsMissing(family: FamilyView): number {
  return family.members.reduce(
    (n, m) => n + m.documents.filter((d) => d.status === 'lost' || d.status === 'being_restored' || d.status === 'never_had').length,
    0,
  );
}

/** The case part alone (what a change of team or status answers with): no family, consents or notes read. */
export async function readCase(tx: Tx, actor: Actor, caseId: string, today: string): Promise<CaseDetail['case']> {
  const row = await getCaseSummary(tx, actor, caseId, today);
  const sections: SensitiveSection[] = await sectionsFor(tx, actor, row.family_id as string);
  return caseView(tx, row, today, sections);
}

/** The whole case page. A read that returns sensitive notes is audited by the consent area. */
export async function readCasePage(tx: Tx, actor: Actor, caseId: string, today: string, audit: AuditContext): Promise<CaseDetail> {
  const row = await getCaseSummary(tx, actor, caseId, today);
  const familyId = row.family_id as string;
  const sections = await sectionsFor(tx, actor, familyId);
  const theCase = await caseView(tx, row, today, sections);
  const family = await getFamily(tx, actor, familyId);
  const consents = await listConsents(tx, familyId);
  const { notes } = await readSensitive(tx, actor, familyId, audit, sections);
  const timeline = await timelinePage(tx, caseId, sections, { limit: FIRST_PAGE });
  // What the case's programme requires (programmes.required_consents), never a rule shared by all.
  const required = requiredConsentsOf(row.required_consents as ConsentKind[]);
  return {
    case: theCase,
    family,
    consents,
    requiredConsents: required,
    missingConsents: missingConsents(family.members, consents, required),
    documentsMissing: documentsMissing(family),
    sensitive: notes,
    visibleSections: sections,
    allowedActions: [...ALLOWED_ACTIONS[row.status as CaseStatus]],
    timeline,
  };
}
