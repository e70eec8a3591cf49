// Consultations given to external specialists (a defectologist, a speech therapist, a group of
// teachers…), with the day, the minutes and the topic; the hours count towards a programme. When a
// consultation concerns a family's child it names that case: only a case the caller reaches can be
// named (else 400 naming caseId), and the case link and the note about the child are shown only to
// those who reach the case — for everyone else the consultation carries nothing of it.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams, Ok } from '../../domain/access/contracts.js';
import type { Language } from '../../domain/i18n/index.js';
import {
  ConsultationInput,
  ConsultationList,
  ConsultationListQuery,
  ConsultationUpdateInput,
  ConsultationView,
} from '../../domain/trainings/contracts.js';
import { assertBranchInReach } from '../access/reach.js';
import { changes, filledFields, writeAudit } from '../audit/audit.js';
import { caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { findOption } from '../http/fields.js';
import { assertPeople, assertProgramme, branchScope, field, peopleOf, personOf, today } from './people.js';

type Row = Record<string, unknown>;
const TAG = 'trainings';

const SELECT = (actor: Actor) => sql`select k.*, k.id::text as kid, k.given_on::text as given,
    k.case_id is not null and exists (select 1 from cases c where c.id = k.case_id and ${caseScope(actor)}) as reaches_case,
    (select trim(u.last_name || ' ' || u.first_name) from users u where u.id = k.given_by) as given_by_name,
    coalesce((select array_agg(p.specialist_id::text order by p.specialist_id) from specialist_consultation_people p
      where p.consultation_id = k.id), '{}') as specialist_ids
  from specialist_consultations k`;

async function present(tx: Tx, rows: Row[], lang: Language): Promise<ConsultationView[]> {
  const people = await peopleOf(
    tx,
    rows.flatMap((r) => (r.specialist_ids as string[]).map((id) => ({ userId: null, specialistId: id }))),
    lang,
  );
  return rows.map((r) => {
    const view: ConsultationView = {
      id: r.kid as string,
      branchId: r.branch_id as string,
      programmeId: (r.programme_id as string | null) ?? null,
      givenOn: r.given as string,
      minutes: Number(r.minutes),
      topic: r.topic as string,
      givenBy: (r.given_by_name as string | null) ?? '',
      specialists: (r.specialist_ids as string[]).map((id) => personOf(people, { userId: null, specialistId: id })),
      version: Number(r.version),
    };
    // The case and what was said about the child: only for those who reach the case.
    if (r.reaches_case === true) {
      view.caseId = r.case_id as string;
      view.caseNote = r.case_note as string;
    }
    return view;
  });
}

async function findConsultation(tx: Tx, actor: Actor, id: string, lock = false): Promise<Row> {
  // A write locks the row first, so two edits of one consultation take turns and the second sees the new version.
  if (lock)
    await tx.execute(sql`select 1 from specialist_consultations k where k.id = ${id} and ${branchScope(actor, 'k.branch_id')} for update`);
  const row = (await tx.execute<Row>(sql`${SELECT(actor)} where k.id = ${id} and ${branchScope(actor, 'k.branch_id')}`)).rows[0];
  if (!row) throw notFound();
  return row;
}

/**
 * The checks of a consultation's fields; returns the programme it counts towards. A case named must
 * be one the caller reaches (else 400 naming caseId, as any id out of reach), and the consultation
 * is not before the case was opened.
 */
async function check(tx: Tx, actor: Actor, body: ConsultationInput, now: string, lang: Language): Promise<string | null> {
  assertBranchInReach(actor, body.branchId, 'branchId', lang);
  if (body.givenOn > now) throw field(lang, 'givenOn', 'validation.date_in_future');
  await assertProgramme(tx, body.programmeId, lang);
  await assertPeople(
    tx,
    body.specialistIds.map((id, i) => ({ ref: { specialistId: id }, path: `specialistIds.${i}`, exact: true })),
    lang,
  );
  if (!body.caseId) {
    if (body.caseNote !== '') throw field(lang, 'caseNote', 'validation.invalid_option');
    return body.programmeId ?? null;
  }
  const kase = await findOption<{ programme_id: string; opened_on: string }>(
    tx,
    sql`select c.programme_id::text, c.opened_on::text from cases c where c.id = ${body.caseId} and ${caseScope(actor)}`,
    lang,
    'caseId',
  );
  if (body.givenOn < kase.opened_on) throw field(lang, 'givenOn', 'aid.errors.date_before_case');
  return body.programmeId ?? kase.programme_id;
}

export function registerConsultationRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/specialist-consultations',
    tag: TAG,
    summary: 'Consultations given to external specialists in the branches the caller works in (a case shown only to those who reach it)',
    access: { kind: 'permission', permission: 'trainings.read', records: 'organization' },
    query: ConsultationListQuery,
    response: ConsultationList,
    handler: async ({ tx, actor, query, req }) => {
      // A branch the caller does not work in is refused by its field, not answered empty.
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      const rows = await tx.execute<Row>(sql`select * from (${SELECT(actor)} where ${branchScope(actor, 'k.branch_id')}
          ${query.from ? sql`and k.given_on >= ${query.from}` : sql``} ${query.to ? sql`and k.given_on <= ${query.to}` : sql``}
          ${query.branchId ? sql`and k.branch_id = ${query.branchId}` : sql``}) q
        order by q.given_on desc, q.created_at desc limit 500`);
      const items = await present(tx, rows.rows, req.lang);
      return { items, totalMinutes: items.reduce((sum, k) => sum + k.minutes, 0) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/specialist-consultations/:id',
    tag: TAG,
    summary: 'One consultation for specialists',
    access: { kind: 'permission', permission: 'trainings.read', records: 'organization' },
    params: IdParams,
    response: ConsultationView,
    handler: async ({ tx, actor, params, req }) => (await present(tx, [await findConsultation(tx, actor, params.id)], req.lang))[0]!,
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/specialist-consultations',
    tag: TAG,
    summary: "Record a consultation given to external specialists, linked to a family's case when it concerns a child",
    access: { kind: 'permission', permission: 'trainings.manage', records: 'organization' },
    body: ConsultationInput,
    response: ConsultationView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      const programmeId = await check(tx, actor, body, today(deps.now()), req.lang);
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into specialist_consultations (id, org_id, branch_id, programme_id, given_on, minutes, topic, case_id, case_note, given_by)
        values (${id}, ${actor.orgId}, ${body.branchId}, ${programmeId}, ${body.givenOn}, ${body.minutes}, ${body.topic}, ${body.caseId ?? null},
          ${body.caseNote}, ${actor.userId})`);
      for (const specialistId of new Set(body.specialistIds))
        await tx.execute(sql`insert into specialist_consultation_people (org_id, consultation_id, specialist_id)
          values (${actor.orgId}, ${id}, ${specialistId})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'specialist_consultation',
        recordId: id,
        details: { fields: filledFields(body) },
      });
      return (await present(tx, [await findConsultation(tx, actor, id)], req.lang))[0]!;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/specialist-consultations/:id',
    tag: TAG,
    summary: 'Change a consultation for specialists (its case link only by those who reach the case)',
    access: { kind: 'permission', permission: 'trainings.manage', records: 'organization' },
    params: IdParams,
    body: ConsultationUpdateInput,
    response: ConsultationView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const row = await findConsultation(tx, actor, params.id, true);
      if (Number(row.version) !== body.version) throw conflict();
      // Someone who does not reach the linked case never saw the link: it stays as it is, untouched.
      const hiddenCase = row.case_id !== null && row.reaches_case !== true;
      // Nor may they replace it: a case named over a link they cannot see is refused, nothing written.
      if (hiddenCase && body.caseId !== undefined) throw field(lang, 'caseId', 'validation.invalid_option');
      if (hiddenCase && body.caseNote !== '') throw field(lang, 'caseNote', 'validation.invalid_option');
      const keepsHiddenCase = hiddenCase;
      const programmeId = await check(tx, actor, body, today(deps.now()), lang);
      const caseId = keepsHiddenCase ? (row.case_id as string) : (body.caseId ?? null);
      const caseNote = keepsHiddenCase ? (row.case_note as string) : body.caseNote;
      const before = {
        branchId: row.branch_id,
        programmeId: row.programme_id,
        givenOn: row.given,
        minutes: Number(row.minutes),
        topic: row.topic,
        specialistIds: [...(row.specialist_ids as string[])].sort(),
        caseId: row.case_id,
        caseNote: row.case_note,
      };
      const after = {
        branchId: body.branchId,
        programmeId: keepsHiddenCase ? row.programme_id : programmeId,
        givenOn: body.givenOn,
        minutes: body.minutes,
        topic: body.topic,
        specialistIds: [...new Set(body.specialistIds)].sort(),
        caseId,
        caseNote,
      };
      await tx.execute(sql`update specialist_consultations set branch_id = ${body.branchId}, programme_id = ${after.programmeId as string | null},
          given_on = ${body.givenOn}, minutes = ${body.minutes}, topic = ${body.topic}, case_id = ${caseId}, case_note = ${caseNote},
          version = version + 1, updated_at = now()
        where id = ${params.id}`);
      await tx.execute(sql`delete from specialist_consultation_people where consultation_id = ${params.id}`);
      for (const specialistId of after.specialistIds)
        await tx.execute(sql`insert into specialist_consultation_people (org_id, consultation_id, specialist_id)
          values (${actor.orgId}, ${params.id}, ${specialistId})`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'specialist_consultation',
        recordId: params.id,
        details: { fields: changes(before, after) },
      });
      return (await present(tx, [await findConsultation(tx, actor, params.id)], lang))[0]!;
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/specialist-consultations/:id',
    tag: TAG,
    summary: 'Remove a consultation recorded by mistake (one about a case only by those who reach the case)',
    access: { kind: 'permission', permission: 'trainings.manage', records: 'organization' },
    params: IdParams,
    query: z.strictObject({ version: z.coerce.number().int().min(1) }),
    response: Ok,
    handler: async ({ tx, actor, audit, params, query }) => {
      const row = await findConsultation(tx, actor, params.id, true);
      // The record of what was said about a family's child is the case team's: for anyone else it is
      // not there to remove.
      if (row.case_id !== null && row.reaches_case !== true) throw notFound();
      if (Number(row.version) !== query.version) throw conflict();
      await tx.execute(sql`delete from specialist_consultation_people where consultation_id = ${params.id}`);
      await tx.execute(sql`delete from specialist_consultations where id = ${params.id}`);
      await writeAudit(tx, audit, { action: 'delete', recordType: 'specialist_consultation', recordId: params.id });
      return { ok: true as const };
    },
  });
}
