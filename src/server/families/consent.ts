// Consent to personal-data processing (152-FZ) per person, and the sensitive notes that depend on
// it: special-category data (health and the like, art. 10) may be saved for a person only with a
// recorded special-category consent, or with an override whose reason is audited.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ConsentInput, ConsentView, ConsentWithdrawInput, SensitiveNoteInput, SensitiveNoteView } from '../../domain/families/contracts.js';
import { IdParams } from '../../domain/access/contracts.js';
import { uuid } from '../../domain/validation.js';
import { translate } from '../../domain/i18n/index.js';
import { auditCodes, auditIds, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { businessRule, forbidden, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { familyRelations, sectionsFor } from '../cases/scope.js';
import type { SensitiveSection } from '../../domain/cases/sensitive.js';
import { consents, sensitiveNotes } from '../cases/tables.js';
import { assertFamilyInScope, recordFamilyEvent } from './queries.js';
import { assertFamilyDays } from '../cases/dates.js';
import { today as todayIso } from '../../domain/families/people.js';
import { SECTION_CONSENT } from '../../domain/families/consents.js';
import { specialConsentNotWithdrawn } from '../privacy/withdrawal.js';
import { attach, listAttachments, reachOwner, readContent } from '../files/attachments.js';

const manage = { kind: 'permission', permission: 'families.manage', records: 'case_team' } as const;
const read = { kind: 'permission', permission: 'families.read', records: 'case_team' } as const;

type Row = Record<string, unknown>;

export async function listConsents(tx: Tx, familyId: string): Promise<ConsentView[]> {
  const rows = await tx.execute<Row>(sql`
    select c.id::text, c.member_id::text, c.kind, c.given_on, c.scope, c.withdrawn_on,
      (c.scan_file_id is not null or exists (select 1 from attachments a
        where a.owner_kind = 'consent' and a.owner_id = c.id and a.removed_at is null)) as has_scan,
      trim(u.last_name || ' ' || u.first_name) as taken_by
    from consents c join users u on u.id = c.taken_by where c.family_id = ${familyId} order by c.given_on, c.kind`);
  return rows.rows.map((row) => ({
    id: row.id as string,
    memberId: row.member_id as string,
    kind: row.kind as ConsentView['kind'],
    givenOn: String(row.given_on).slice(0, 10),
    scope: row.scope as string,
    takenBy: row.taken_by as string,
    hasScan: row.has_scan === true,
    withdrawnOn: row.withdrawn_on === null ? null : String(row.withdrawn_on).slice(0, 10),
  }));
}

/** The sensitive notes of a family that the caller may see; a read that returns any is audited. */
export async function readSensitive(
  tx: Tx,
  actor: Actor,
  familyId: string,
  audit: Parameters<typeof writeAudit>[1],
  /** The caller's visible sections for this family, when already worked out (the case page). */
  known?: SensitiveSection[],
): Promise<{ notes: SensitiveNoteView[]; sections: string[] }> {
  const sections = known ?? (await sectionsFor(tx, actor, familyId));
  if (sections.length === 0) return { notes: [], sections };
  const rows = await tx.execute<Row>(sql`
    select n.id::text, n.member_id::text, n.section, n.text, n.override_reason, n.recorded_at, n.noted_on::text, trim(u.last_name || ' ' || u.first_name) as recorded_by
    from sensitive_notes n join users u on u.id = n.recorded_by
    where n.family_id = ${familyId} and n.section in ${sections} and ${specialConsentNotWithdrawn('n')} order by n.noted_on desc, n.recorded_at desc`);
  const notes = rows.rows.map((row) => ({
    id: row.id as string,
    memberId: (row.member_id as string | null) ?? null,
    section: row.section as SensitiveNoteView['section'],
    text: row.text as string,
    overrideReason: (row.override_reason as string | null) ?? '',
    recordedBy: row.recorded_by as string,
    recordedAt: new Date(row.recorded_at as string).toISOString(),
    notedOn: row.noted_on as string,
  }));
  if (notes.length > 0) {
    await writeAudit(tx, audit, {
      action: 'read_sensitive',
      recordType: 'family',
      recordId: familyId,
      details: { sections: auditCodes([...new Set(notes.map((n) => n.section))]) },
    });
  }
  return { notes, sections };
}

async function assertMember(tx: Tx, familyId: string, memberId: string, lang: 'ru' | 'en'): Promise<void> {
  const found = await tx.execute(sql`select 1 from members where id = ${memberId} and family_id = ${familyId}`);
  if (found.rows.length === 0) throw invalidField('memberId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
}

export function registerConsentRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/families/:id/consents',
    tag: 'consent',
    summary: 'Record a consent given by a family member (scope, date, optional scan of the signed form, stored as its attachment)',
    access: manage,
    params: IdParams,
    body: ConsentInput,
    response: ConsentView,
    status: 201,
    idempotent: true,
    bodyLimit: 15 * 1024 * 1024,
    handler: async ({ tx, deps, actor, audit, params, body, req }) => {
      await assertFamilyInScope(tx, actor, params.id);
      await assertMember(tx, params.id, body.memberId, req.lang);
      const [row] = await tx
        .insert(consents)
        .values({
          orgId: actor.orgId,
          familyId: params.id,
          memberId: body.memberId,
          kind: body.kind,
          givenOn: body.givenOn,
          scope: body.scope,
          takenBy: actor.userId,
        })
        .returning({ id: consents.id });
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'consent',
        recordId: row!.id,
        details: auditIds({ familyId: params.id, kind: body.kind }),
      });
      // The signed scan is an attachment of the consent, in this transaction: checked by its content
      // like any file (the declared type is not trusted), under the organisation's limits, listed on
      // the consent's files panel. A refused scan is a 400 on `scan.…` and no consent is recorded.
      if (body.scan)
        await attach(
          tx,
          deps,
          actor,
          audit,
          {
            ownerKind: 'consent',
            ownerId: row!.id,
            title: translate(req.lang, 'files.titleOf.consent'),
            documentDate: body.givenOn,
            fileName: body.scan.fileName,
            content: Buffer.from(body.scan.contentBase64.replace(/\s/g, ''), 'base64'),
            fieldPrefix: 'scan.',
          },
          req.lang,
        );
      await recordFamilyEvent(tx, actor, params.id, 'consent_recorded', {
        memberId: body.memberId,
        kind: body.kind,
        givenOn: body.givenOn,
      });
      return (await listConsents(tx, params.id)).find((c) => c.id === row!.id)!;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/families/:id/consents/:consentId/withdraw',
    tag: 'consent',
    summary: 'Record that a consent was withdrawn',
    access: manage,
    params: z.strictObject({ id: uuid, consentId: uuid }),
    body: ConsentWithdrawInput,
    response: ConsentView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const [existing] = await tx
        .select()
        .from(consents)
        .where(and(eq(consents.id, params.consentId), eq(consents.familyId, params.id)));
      if (!existing) throw notFound();
      if (existing.withdrawnOn) throw businessRule('errors.consent_withdrawn');
      if (body.withdrawnOn < existing.givenOn)
        throw invalidField('withdrawnOn', 'validation.before_start', translate(req.lang, 'validation.before_start'));
      await tx
        .update(consents)
        .set({ withdrawnOn: body.withdrawnOn })
        .where(and(eq(consents.id, params.consentId), isNull(consents.withdrawnOn)));
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'consent',
        recordId: params.consentId,
        details: { fields: auditCodes(['withdrawnOn']) },
      });
      await recordFamilyEvent(tx, actor, params.id, 'consent_withdrawn', {
        memberId: existing.memberId,
        kind: existing.kind,
        withdrawnOn: body.withdrawnOn,
      });
      return (await listConsents(tx, params.id)).find((c) => c.id === params.consentId)!;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/families/:id/consents/:consentId/scan',
    tag: 'consent',
    summary: 'The scan of a signed consent form (base64)',
    access: read,
    params: z.strictObject({ id: uuid, consentId: uuid }),
    response: z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
    handler: async ({ tx, deps, actor, audit, params }) => {
      await assertFamilyInScope(tx, actor, params.id);
      // A scan recorded before scans became attachments is still in `files`; a newer one is the
      // consent's latest attachment the caller may see (read and audited by the files area).
      const rows = await tx.execute<{ file_name: string; mime_type: string; content: string }>(sql`
        select f.file_name, f.mime_type, encode(f.content, 'base64') as content
        from consents c join files f on f.id = c.scan_file_id where c.id = ${params.consentId} and c.family_id = ${params.id}`);
      const file = rows.rows[0];
      if (file) {
        await writeAudit(tx, audit, { action: 'read', recordType: 'consent_scan', recordId: params.consentId });
        return { fileName: file.file_name, mimeType: file.mime_type, contentBase64: file.content.replace(/\s/g, '') };
      }
      const consent = await tx.execute(sql`select 1 from consents where id = ${params.consentId} and family_id = ${params.id}`);
      if (consent.rows.length === 0) throw notFound();
      const owner = await reachOwner(tx, actor, 'consent', params.consentId);
      const latest = (await listAttachments(tx, owner, false))[0];
      if (!latest) throw notFound();
      const content = await readContent(tx, deps, actor, audit, latest.id);
      return { fileName: content.fileName, mimeType: content.contentType, contentBase64: content.content.toString('base64') };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/families/:id/sensitive',
    tag: 'consent',
    summary: 'Sensitive notes of a family in the sections the caller may see (each read is audited)',
    access: read,
    params: IdParams,
    response: z.object({ items: z.array(SensitiveNoteView), sections: z.array(z.string()) }),
    handler: async ({ tx, actor, audit, params }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const { notes, sections } = await readSensitive(tx, actor, params.id, audit);
      return { items: notes, sections };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/families/:id/sensitive',
    tag: 'consent',
    summary: 'Record a sensitive note; special-category data needs the consent or an audited override',
    access: manage,
    params: IdParams,
    body: SensitiveNoteInput,
    response: SensitiveNoteView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const sections = await sectionsFor(tx, actor, params.id);
      if (!sections.includes(body.section)) throw forbidden();
      const notedOn = body.notedOn ?? todayIso();
      await assertFamilyDays(tx, params.id, [{ path: 'notedOn', value: body.notedOn }], req.lang);
      const subjects = body.memberId ? [body.memberId] : [];
      if (body.memberId) await assertMember(tx, params.id, body.memberId, req.lang);
      else {
        const adults = await tx.execute<{ id: string }>(
          sql`select id::text from members where family_id = ${params.id} and relation not in ('child', 'unborn_child')`,
        );
        subjects.push(...adults.rows.map((r) => r.id));
      }
      const consented = await tx.execute<{ member_id: string }>(sql`
        select distinct member_id::text from consents
        where family_id = ${params.id} and kind = ${SECTION_CONSENT[body.section]} and withdrawn_on is null`);
      const withConsent = new Set(consented.rows.map((r) => r.member_id));
      const missing = subjects.filter((id) => !withConsent.has(id));
      const overridden = missing.length > 0 || subjects.length === 0;
      if (overridden) {
        if (!body.overrideReason) throw businessRule('errors.special_consent_missing');
        // Only the lead or a responsible coordinator/supervisor may override the missing consent.
        const relations = await familyRelations(tx, actor, params.id);
        if (!relations.some((r) => r === 'lead' || r === 'coordinator' || r === 'supervisor'))
          throw forbidden('errors.consent_override_forbidden');
      }
      const [row] = await tx
        .insert(sensitiveNotes)
        .values({
          orgId: actor.orgId,
          familyId: params.id,
          memberId: body.memberId,
          section: body.section,
          text: body.text,
          // The reason is kept on the note, read with it by those who may read the note (never in the audit).
          overrideReason: overridden ? body.overrideReason : '',
          recordedBy: actor.userId,
          notedOn,
        })
        .returning();
      // The audit and the history name the section, never the text.
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'sensitive_note',
        recordId: row!.id,
        details: { ...auditIds({ familyId: params.id, section: body.section }), consentOverridden: overridden },
      });
      await recordFamilyEvent(tx, actor, params.id, 'sensitive_note_added', { section: body.section, notedOn }, notedOn);
      const { notes } = await readSensitive(tx, actor, params.id, audit);
      return notes.find((n) => n.id === row!.id)!;
    },
  });
}
