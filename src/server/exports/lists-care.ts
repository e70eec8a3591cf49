// List exports of the care lists (issue 16, point 4): the directory of external specialists, the
// register of mentors, the follow-up contacts due after leaving, the post-support visits and the
// away shifts. Each calls its list route's own handler (`rowsOfListRoute`), so the export has the
// list's scope, filters, order and cap for every caller — a post-support family outside the
// caller's case team is not in the file as it is not on the screen. Columns are what the screen
// shows, enums translated, dates and counts typed; nothing the list leaves out (a specialist's or a
// mentor's note, a case's contents). Tagged 'exports': the areas' own matrices list their own routes,
// these exports' matrix is exports-care.test.ts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { translate } from '../../domain/i18n/index.js';
import { MentorListQuery, type MentorSummary } from '../../domain/mentoring/contracts.js';
import { FollowUpQuery, type FollowUpDueItem } from '../../domain/outcomes/contracts.js';
import { SpecialistListQuery, type SpecialistView } from '../../domain/partners/contracts.js';
import type { PostSupportVisit } from '../../domain/services/contracts.js';
import { ShiftListQuery, type ShiftSummaryView } from '../../domain/shifts/contracts.js';
import { defineListExport, exportTable } from './list-export.js';
import { branchNames, rowsOfListRoute } from './lists.js';

const TAG = 'exports';

export function registerCareListExports(app: FastifyInstance): void {
  defineListExport(app, {
    url: '/api/specialists',
    list: 'specialists',
    tag: TAG,
    access: { kind: 'permission', permission: 'partners.read', records: 'organization' },
    query: SpecialistListQuery.omit({ page: true, pageSize: true }),
    load: async (input, limit) => {
      // The directory pages its rows: the export asks for one page of all of them. The list route
      // audits the reading of the phones and e-mails by ids, for the file as for the screen.
      const items = await rowsOfListRoute<unknown, SpecialistView>(
        { ...input, query: { ...input.query, page: 1, pageSize: limit } },
        '/api/specialists',
      );
      const lang = input.req.lang;
      return exportTable(items, [
        {
          header: 'partners.fields.contactName',
          value: (s) => [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' '),
          width: 36,
        },
        { header: 'partners.fields.profession', value: (s) => translate(lang, `partners.professions.${s.profession}`) },
        { header: 'partners.fields.organization', value: (s) => s.partnerName, width: 36 },
        { header: 'partners.fields.region', value: (s) => s.region },
        { header: 'partners.fields.city', value: (s) => s.city },
        { header: 'partners.fields.phone', value: (s) => s.phone },
        { header: 'partners.fields.email', value: (s) => s.email },
        { header: 'partners.fields.consentOn', value: (s) => s.consentOn, type: 'date' },
        { header: 'partners.fields.active', value: (s) => s.active },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/mentoring/mentors',
    list: 'mentors',
    tag: TAG,
    access: { kind: 'permission', permission: 'mentoring.read', records: 'organization' },
    query: MentorListQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, MentorSummary>(input, '/api/mentoring/mentors');
      const branches = await branchNames(input);
      const lang = input.req.lang;
      return exportTable(items, [
        { header: 'mentoring.fields.displayName', value: (m) => m.displayName, width: 36 },
        { header: 'mentoring.fields.kind', value: (m) => translate(lang, `mentoring.kinds.${m.kind}`) },
        { header: 'mentoring.fields.status', value: (m) => translate(lang, `mentoring.statuses.${m.status}`) },
        { header: 'mentoring.fields.changedOn', value: (m) => m.statusOn, type: 'date' },
        { header: 'mentoring.fields.branch', value: (m) => branches.get(m.branchId) ?? '' },
        { header: 'mentoring.fields.locality', value: (m) => m.locality },
        {
          header: 'mentoring.fields.experience',
          value: (m) => m.experience.map((tag) => translate(lang, `mentoring.experience.${tag}`)).join(', '),
          width: 40,
        },
        { header: 'mentoring.fields.load', value: (m) => m.load, type: 'number' },
        { header: 'mentoring.fields.capacity', value: (m) => m.capacity, type: 'number' },
        { header: 'mentoring.fields.trainedOn', value: (m) => m.trainedOn, type: 'date' },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/follow-ups',
    list: 'followUps',
    tag: TAG,
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    query: FollowUpQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, FollowUpDueItem>(input, '/api/follow-ups');
      const lang = input.req.lang;
      return exportTable(items, [
        { header: 'outcomes.followUp.family', value: (f) => f.familyName, width: 36 },
        { header: 'outcomes.followUp.programme', value: (f) => f.programmeName },
        { header: 'outcomes.followUp.closedOn', value: (f) => f.leftOn, type: 'date' },
        { header: 'cases.outcome', value: (f) => (f.closingOutcome ? translate(lang, `cases.outcomes.${f.closingOutcome}`) : null) },
        { header: 'outcomes.followUp.milestone', value: (f) => translate(lang, `outcomes.followUp.milestones.${f.milestone}`) },
        { header: 'outcomes.followUp.dueOn', value: (f) => f.dueOn, type: 'date' },
        { header: 'status', value: (f) => translate(lang, `outcomes.followUp.${f.status}`) },
        { header: 'outcomes.followUp.lead', value: (f) => f.leadName },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/post-support/visits',
    list: 'postSupport',
    tag: TAG,
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    // The list has no filters: anything asked of it is refused rather than silently ignored.
    query: z.strictObject({}),
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, z.infer<typeof PostSupportVisit>>(input, '/api/post-support/visits');
      const lang = input.req.lang;
      return exportTable(items, [
        { header: 'postSupport.family', value: (v) => v.familyName, width: 36 },
        { header: 'postSupport.lead', value: (v) => v.leadName },
        { header: 'postSupport.since', value: (v) => v.since, type: 'date' },
        // Empty when there was none ("Не было" on screen): the column stays one of dates.
        { header: 'postSupport.lastVisit', value: (v) => v.lastVisitOn, type: 'date' },
        { header: 'postSupport.dueOn', value: (v) => v.dueOn, type: 'date' },
        { header: 'status', value: (v) => translate(lang, v.overdue ? 'postSupport.overdue' : 'postSupport.due') },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/shifts',
    list: 'shifts',
    tag: TAG,
    access: { kind: 'permission', permission: 'shifts.read', records: 'organization' },
    query: ShiftListQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, ShiftSummaryView>(input, '/api/shifts');
      const lang = input.req.lang;
      return exportTable(items, [
        { header: 'shifts.fields.title', value: (s) => s.title, width: 40 },
        { header: 'status', value: (s) => translate(lang, `shifts.statuses.${s.status}`) },
        { header: 'shifts.fields.startsOn', value: (s) => s.startsOn, type: 'date' },
        { header: 'shifts.fields.endsOn', value: (s) => s.endsOn, type: 'date' },
        { header: 'shifts.fields.venue', value: (s) => s.venue, width: 36 },
        { header: 'shifts.fields.programmeId', value: (s) => s.programmeName },
        { header: 'shifts.fields.branchId', value: (s) => s.branchName },
        { header: 'shifts.fields.families', value: (s) => s.families, type: 'number' },
        { header: 'shifts.fields.people', value: (s) => s.people, type: 'number' },
      ]);
    },
  });
}
