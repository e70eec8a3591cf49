// Requests of data subjects (152-FZ art. 14, 20, 21): registered with the day received (typed in after
// the fact allowed) and the legal deadline worked out from it (src/domain/privacy/deadlines.ts), the
// person it concerns (a member of a family, or the identity the requester gave), the responsible person,
// the status and what was done; an access or stop-processing request may be extended once by 5 working
// days with the reason sent to the person. Reached by holders of privacy.manage, organisation-wide.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  OPEN_STATUSES,
  PersonLookupQuery,
  PersonMatch,
  RequestListQuery,
  SubjectRequestInput,
  SubjectRequestUpdate,
  SubjectRequestView,
  type RequestStatus,
} from '../../domain/privacy/contracts.js';
import { extendedDeadline, requestDeadline, requestUrgency, type SubjectRequestKind } from '../../domain/privacy/deadlines.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertResponsible, conflictField, day, dayOrNull, field, manage, todayOf, type Row } from './common.js';

const SELECT = sql`select r.*, trim(u.last_name || ' ' || u.first_name) as responsible_name,
    case when m.id is null then r.subject_name else trim(concat_ws(' ', m.last_name, m.first_name, m.middle_name)) end as person_name
  from subject_requests r join users u on u.id = r.responsible_id
  left join members m on m.id = r.member_id`;

function toView(row: Row, disclosures: Row[], today: string): SubjectRequestView {
  const kind = row.kind as SubjectRequestKind;
  const dueOn = day(row.due_on);
  const extendedDueOn = dayOrNull(row.extended_due_on);
  const effectiveDueOn = extendedDueOn ?? dueOn;
  const status = row.status as RequestStatus;
  return {
    id: row.id as string,
    kind,
    receivedOn: day(row.received_on),
    dueOn,
    extendedDueOn,
    effectiveDueOn,
    extensionReason: row.extension_reason as string,
    canExtend: extendedDueOn === null && extendedDeadline(kind, dueOn) !== null,
    channel: row.channel as SubjectRequestView['channel'],
    familyId: (row.family_id as string | null) ?? null,
    memberId: (row.member_id as string | null) ?? null,
    subjectName: (row.person_name as string | null) ?? '',
    subjectContact: row.subject_contact as string,
    responsibleId: row.responsible_id as string,
    responsibleName: row.responsible_name as string,
    status,
    outcome: row.outcome as string,
    answeredOn: dayOrNull(row.answered_on),
    urgency: requestUrgency(status, effectiveDueOn, today),
    disclosures: disclosures.map((d) => ({
      id: d.id as string,
      format: d.format as 'pdf' | 'json',
      sha256: d.sha256 as string,
      size: Number(d.size),
      givenAt: new Date(d.given_at as string).toISOString(),
      givenBy: d.given_by_name as string,
    })),
    version: Number(row.version),
  };
}

export async function findRequestRow(tx: Tx, id: string, forUpdate = false): Promise<Row> {
  const rows = await tx.execute<Row>(sql`select * from subject_requests where id = ${id} ${forUpdate ? sql`for update` : sql``}`);
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0];
}

export async function getRequest(tx: Tx, id: string, today: string): Promise<SubjectRequestView> {
  const row = (await tx.execute<Row>(sql`${SELECT} where r.id = ${id}`)).rows[0];
  if (!row) throw notFound();
  const disclosures = await tx.execute<Row>(sql`select d.*, trim(u.last_name || ' ' || u.first_name) as given_by_name
    from subject_request_disclosures d join users u on u.id = d.given_by where d.request_id = ${id} order by d.given_at`);
  return toView(row, disclosures.rows, today);
}

export async function listRequests(tx: Tx, where: SQL, today: string): Promise<SubjectRequestView[]> {
  const rows = await tx.execute<Row>(sql`${SELECT} where ${where}
    order by r.status in ('answered', 'refused', 'closed'), coalesce(r.extended_due_on, r.due_on), r.created_at limit 500`);
  return rows.rows.map((row) => toView(row, [], today));
}

/** The person named by a request: the member of that family (both of the organisation), or 400. */
async function checkPerson(tx: Tx, body: { familyId?: string | undefined; memberId?: string | undefined }, lang: 'ru' | 'en') {
  if (body.familyId) {
    const family = await tx.execute(sql`select 1 from families where id = ${body.familyId}`);
    if (family.rows.length === 0) throw field(lang, 'familyId', 'validation.invalid_option');
  }
  if (body.memberId) {
    const member = await tx.execute(sql`select 1 from members where id = ${body.memberId} and family_id = ${body.familyId!}`);
    if (member.rows.length === 0) throw field(lang, 'memberId', 'validation.invalid_option');
  }
}

export function registerRequestRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/requests',
    tag: 'privacy',
    summary: 'Requests of data subjects, the open ones first by deadline (overdue and due soon marked); mine=true: those I answer for',
    access: manage,
    query: RequestListQuery,
    response: z.object({ items: z.array(SubjectRequestView) }),
    handler: async ({ tx, actor, query, deps }) => {
      const where: SQL[] = [sql`true`];
      if (query.status === 'open') where.push(sql`r.status in ${OPEN_STATUSES}`);
      if (query.mine === 'true') where.push(sql`r.responsible_id = ${actor.userId}`);
      return { items: await listRequests(tx, sql.join(where, sql` and `), todayOf(deps.now())) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/people',
    tag: 'privacy',
    summary: 'Find the person a request concerns among the members of every family of the organisation (audited)',
    access: manage,
    query: PersonLookupQuery,
    response: z.object({ items: z.array(PersonMatch) }),
    handler: async ({ tx, audit, query }) => {
      const words = query.q.toLowerCase().replaceAll('ё', 'е').split(/\s+/).filter(Boolean).slice(0, 4);
      const like = words.map((w) => sql`m.name_norm like ${`%${w.replace(/[%_\\]/g, '')}%`}`);
      const rows = await tx.execute<Row>(sql`select m.id::text as member_id, m.family_id::text, m.birth_date,
          trim(concat_ws(' ', m.last_name, m.first_name, m.middle_name)) as name, b.name as branch_name
        from members m join families f on f.id = m.family_id join branches b on b.id = f.branch_id
        where ${sql.join(like, sql` and `)} order by m.last_name, m.first_name limit 30`);
      await writeAudit(tx, audit, { action: 'read', recordType: 'privacy_people', details: { found: rows.rows.length } });
      return {
        items: rows.rows.map((r) => ({
          familyId: r.family_id as string,
          memberId: r.member_id as string,
          name: r.name as string,
          birthDate: dayOrNull(r.birth_date),
          branchName: r.branch_name as string,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/responsibles',
    tag: 'privacy',
    summary: 'Who may be responsible for a request: the active staff who hold privacy.manage',
    access: manage,
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
    handler: async ({ tx }) => {
      const rows = await tx.execute<{
        id: string;
        name: string;
      }>(sql`select distinct u.id::text, trim(concat_ws(' ', u.last_name, u.first_name, u.middle_name)) as name
        from users u join user_roles ur on ur.user_id = u.id join roles r on r.code = ur.role_code and r.org_id = u.org_id
        where u.active and 'privacy.manage' = any(r.permissions) order by 2`);
      return { items: rows.rows };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/requests/:id',
    tag: 'privacy',
    summary: 'A request with its deadline, what was done and what was given (documents’ hashes)',
    access: manage,
    params: IdParams,
    response: SubjectRequestView,
    handler: async ({ tx, params, deps }) => getRequest(tx, params.id, todayOf(deps.now())),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/privacy/requests',
    tag: 'privacy',
    summary:
      'Register a request of a data subject (access, correction, stop processing, consent withdrawal, deletion) with its legal deadline',
    access: manage,
    body: SubjectRequestInput,
    response: SubjectRequestView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      const today = todayOf(deps.now());
      if (body.receivedOn > today) throw field(req.lang, 'receivedOn', 'validation.date_in_future');
      await checkPerson(tx, body, req.lang);
      await assertResponsible(tx, body.responsibleId, req.lang);
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into subject_requests (org_id, kind, received_on, due_on, family_id, member_id,
          subject_name, subject_contact, channel, responsible_id, created_by)
        values (${actor.orgId}, ${body.kind}, ${body.receivedOn}, ${requestDeadline(body.kind, body.receivedOn)}, ${body.familyId ?? null},
          ${body.memberId ?? null}, ${body.familyId ? '' : body.subjectName}, ${body.subjectContact}, ${body.channel}, ${body.responsibleId},
          ${actor.userId}) returning id::text`);
      const id = rows.rows[0]!.id;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'subject_request',
        recordId: id,
        details: { kind: auditCode(body.kind), fields: auditCodes(Object.keys(body)) },
      });
      return getRequest(tx, id, today);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/privacy/requests/:id',
    tag: 'privacy',
    summary:
      'Change a request’s status, responsible person and what was done; extend its term once (access, stop processing) with the reason',
    access: manage,
    params: IdParams,
    body: SubjectRequestUpdate,
    response: SubjectRequestView,
    handler: async ({ tx, audit, params, body, req, deps }) => {
      const today = todayOf(deps.now());
      const before = await findRequestRow(tx, params.id, true);
      if (Number(before.version) !== body.version) throw conflict();
      const kind = before.kind as SubjectRequestKind;
      const receivedOn = day(before.received_on);
      await assertResponsible(tx, body.responsibleId, req.lang);
      const done = body.status === 'answered' || body.status === 'refused';
      if (done && !body.answeredOn) throw field(req.lang, 'answeredOn', 'validation.required');
      if (done && !body.outcome) throw field(req.lang, 'outcome', 'validation.required');
      if (body.answeredOn && body.answeredOn > today) throw field(req.lang, 'answeredOn', 'validation.date_in_future');
      if (body.answeredOn && body.answeredOn < receivedOn) throw field(req.lang, 'answeredOn', 'validation.before_start');
      let extended = dayOrNull(before.extended_due_on);
      const extending = body.extensionReason !== '' && body.extensionReason !== before.extension_reason;
      if (extending) {
        if (extended !== null && before.extension_reason !== '')
          throw conflictField(req.lang, 'extensionReason', 'privacy.errors.extended_once');
        extended = extendedDeadline(kind, day(before.due_on));
        if (extended === null) throw conflictField(req.lang, 'extensionReason', 'privacy.errors.no_extension');
        // The reasoned notice must reach the person before the first term ends (art. 14 part 3).
        if (today > day(before.due_on)) throw conflictField(req.lang, 'extensionReason', 'privacy.errors.extension_late');
      }
      await tx.execute(sql`update subject_requests set status = ${body.status}, responsible_id = ${body.responsibleId}, outcome = ${body.outcome},
          answered_on = ${done || body.status === 'closed' ? body.answeredOn : null}, extended_due_on = ${extended},
          extension_reason = ${extending ? body.extensionReason : (before.extension_reason as string)},
          version = version + 1, updated_at = now() where id = ${params.id}`);
      const changed = (['status', 'responsibleId', 'outcome', 'answeredOn'] as const).filter((key) => {
        const old = {
          status: before.status,
          responsibleId: before.responsible_id,
          outcome: before.outcome,
          answeredOn: dayOrNull(before.answered_on),
        }[key];
        return old !== body[key];
      });
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'subject_request',
        recordId: params.id,
        details: { fields: auditCodes(extending ? [...changed, 'extendedDueOn'] : changed), status: auditCode(body.status) },
      });
      return getRequest(tx, params.id, today);
    },
  });
}
