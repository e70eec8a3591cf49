// Importing families and their members. Rows with the same value in the family column are one family
// (a row without one is a family of its own); the first row's person is the mother unless the relation
// column says otherwise, later ones children. Each family is validated by the contract of the manual
// form (FamilyCreateInput) and written with the same helpers as POST /api/families, into a branch the
// user works in; its possible duplicates are found by the same check (findMatches) and the user
// decides: skip it, or link the row to the existing family (members it lacks are added).
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { FamilyCreateInput, type MemberInput } from '../../domain/families/contracts.js';
import { normalizeName, phoneDigits } from '../../domain/families/people.js';
import { readFamilyRow, type FamilyRow, type Problem } from '../../domain/imports/rows.js';
import { wordKey } from '../../domain/imports/values.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { families, members } from '../cases/tables.js';
import { assertFamilyInScope, familyDisplayName, memberValues, recordFamilyEvent, refreshFamilyName } from '../families/queries.js';
import { bulkInsert } from '../seed/bulk.js';
import { findMatchesMany, presentMatches, type findMatches, type Match } from '../families/matches.js';
import { blockersOf } from './undo.js';
import type { Candidate, Created, JobContext, KindHandler, RowResult, StoredRow } from './types.js';

export interface BranchLookups {
  branches: { id: string; keys: string[] }[];
}

export async function branchLookups(tx: Tx): Promise<BranchLookups> {
  const rows = await tx.execute<{ id: string; name: string; city: string }>(sql`select id::text, name, city from branches`);
  return { branches: rows.rows.map((b) => ({ id: b.id, keys: [wordKey(b.name), wordKey(b.city ?? '')].filter(Boolean) })) };
}

/** The branch a row names (by name or city), or the job's; a branch the user does not work in is a problem. */
export function resolveBranch(text: string, lookups: BranchLookups, ctx: JobContext): { branchId: string } | { problem: Problem } {
  if (text === '') {
    if (ctx.branchId) return { branchId: ctx.branchId };
    return { problem: { field: 'branch', code: 'validation.required' } };
  }
  const key = wordKey(text);
  const found = lookups.branches.filter((b) => b.keys.includes(key));
  if (found.length !== 1) return { problem: { field: 'branch', code: 'imports.problems.unknown_branch' } };
  if (!ctx.actor.branchIds.includes(found[0]!.id)) return { problem: { field: 'branch', code: 'imports.problems.branch_not_in_reach' } };
  return { branchId: found[0]!.id };
}

interface Group {
  group: number;
  rows: { rowNumber: number; read: FamilyRow }[];
  input: FamilyCreateInput | null;
  problems: Map<number, Problem[]>;
}

/** Rows into families, each checked as the manual form is. */
export function buildGroups(ctx: JobContext, lookups: BranchLookups, rows: StoredRow[]): Group[] {
  const byKey = new Map<string, Group>();
  const groups: Group[] = [];
  for (const row of rows) {
    const read = readFamilyRow(row.cells, ctx.mapping, ctx.today);
    const key = read.familyKey ? `k:${wordKey(read.familyKey)}` : `r:${row.rowNumber}`;
    let group = byKey.get(key);
    if (!group) {
      group = { group: row.rowNumber, rows: [], input: null, problems: new Map() };
      byKey.set(key, group);
      groups.push(group);
    }
    group.rows.push({ rowNumber: row.rowNumber, read });
  }
  for (const group of groups) {
    const add = (rowNumber: number, problem: Problem) => group.problems.set(rowNumber, [...(group.problems.get(rowNumber) ?? []), problem]);
    for (const { rowNumber, read } of group.rows) for (const p of read.problems) add(rowNumber, p);
    const first = group.rows[0]!;
    const branch = resolveBranch(group.rows.find((r) => r.read.branch)?.read.branch ?? '', lookups, ctx);
    if ('problem' in branch) add(first.rowNumber, branch.problem);
    const candidate = {
      branchId: 'branchId' in branch ? branch.branchId : '00000000-0000-4000-8000-000000000000',
      members: group.rows.map(({ read }, i) => ({ ...read.member, relation: read.member.relation ?? (i === 0 ? 'mother' : 'child') })),
      notes: group.rows
        .map((r) => r.read.notes)
        .filter(Boolean)
        .join('\n'),
      confirmedNotDuplicate: true,
    };
    // The manual form's own contract: what it refuses, the import refuses, named by the row's column.
    const parsed = FamilyCreateInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [top, index, field] = issue.path.map(String);
        const target = top === 'members' ? group.rows[Number(index)] : first;
        if (!target) continue;
        const name = ['lastName', 'firstName', 'middleName'].includes(field ?? '') ? target.read.nameField : field;
        const column =
          top === 'members' ? (name === 'expectedBirthDate' ? 'birthDate' : (name ?? 'relation')) : top === 'notes' ? 'notes' : 'branch';
        const message = issue.message.startsWith('i18n:') ? `validation.${issue.message.slice(5)}` : 'validation.invalid';
        if (!(group.problems.get(target.rowNumber) ?? []).some((p) => p.field === column))
          add(target.rowNumber, { field: column, code: message });
      }
    } else if (!('problem' in branch)) group.input = parsed.data;
  }
  return groups;
}

const memberKeys = (m: Pick<MemberInput, 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'phone'>): string[] => {
  const keys: string[] = [];
  const name = normalizeName(m.lastName, m.firstName, m.middleName);
  if (m.birthDate && name) keys.push(`n:${name}|${m.birthDate}`);
  const phone = phoneDigits(m.phone);
  if (phone.length >= 10) keys.push(`p:${phone}`);
  return keys;
};

/** Possible duplicates of each family of a chunk: every member checked as the manual form checks one. */
async function duplicatesOf(
  tx: Tx,
  ctx: JobContext,
  inputs: (FamilyCreateInput | null)[],
): Promise<{ items: Candidate[]; outsideReach: boolean }[]> {
  const asked: { family: number; query: Parameters<typeof findMatches>[2] }[] = [];
  inputs.forEach((input, family) => {
    for (const m of input?.members ?? []) {
      if (m.relation === 'unborn_child' || !m.firstName) continue;
      asked.push({
        family,
        query: {
          lastName: m.lastName,
          firstName: m.firstName,
          middleName: m.middleName,
          birthDate: m.birthDate ?? undefined,
          phone: m.phone,
        },
      });
    }
  });
  const found = await findMatchesMany(
    tx,
    ctx.actor,
    asked.map((a) => a.query),
  );
  return inputs.map((_, family) => {
    const all = new Map<string, Match>();
    asked.forEach((a, i) => {
      if (a.family !== family) return;
      for (const match of found[i]!) if (!all.has(match.familyId)) all.set(match.familyId, match);
    });
    const shown = presentMatches([...all.values()]);
    return {
      items: shown.items.map(({ familyId, name, branchName, reasons }) => ({ familyId, name, branchName, reasons })),
      outsideReach: shown.outsideReach,
    };
  });
}

const CHUNK = 500;

export const familiesImport: KindHandler<BranchLookups> = {
  lookups: (tx) => branchLookups(tx),

  async analyse(run, ctx, lookups, rows, progress) {
    const groups = buildGroups(ctx, lookups, rows);
    const results: RowResult[] = [];
    const seen = new Map<string, number>();
    let done = 0;
    for (let start = 0; start < groups.length; start += CHUNK) {
      const chunk = groups.slice(start, start + CHUNK);
      const found = await run((tx) =>
        duplicatesOf(
          tx,
          ctx,
          chunk.map((group) => group.input),
        ),
      );
      chunk.forEach((group, i) => {
        const dup = found[i]!;
        let sameAsRow: number | null = null;
        if (group.input) {
          const keys = group.input.members.flatMap(memberKeys);
          for (const key of keys) {
            const earlier = seen.get(key);
            if (earlier !== undefined && earlier !== group.group) sameAsRow ??= earlier;
          }
          for (const key of keys) if (!seen.has(key)) seen.set(key, group.group);
        }
        const hasProblems = group.problems.size > 0 || !group.input;
        const duplicate = !hasProblems && (dup.items.length > 0 || dup.outsideReach || sameAsRow !== null);
        const problemRows = [...group.problems.keys()];
        for (const { rowNumber } of group.rows) {
          const own = group.problems.get(rowNumber) ?? [];
          const problems: Problem[] =
            hasProblems && own.length === 0
              ? [{ field: 'familyKey', code: 'imports.problems.family_has_problems', params: { rows: problemRows.join(', ') } }]
              : own;
          results.push({
            rowNumber,
            group: group.group,
            status: hasProblems ? 'problem' : duplicate ? 'duplicate' : 'ready',
            problems,
            duplicates: rowNumber === group.group ? dup.items : [],
            outsideReach: rowNumber === group.group && dup.outsideReach,
            sameAsRow: rowNumber === group.group ? sameAsRow : null,
            decision: hasProblems ? null : duplicate ? 'skip' : 'new',
            linkedFamilyId: null,
          });
        }
      });
      done += chunk.reduce((n, g) => n + g.rows.length, 0);
      await progress(done);
    }
    return results;
  },

  async write(tx, ctx, lookups, rows) {
    const groups = buildGroups(ctx, lookups, rows);
    const group = groups[0];
    if (groups.length !== 1 || !group?.input) throw new Error('import: the rows no longer make one valid family');
    const decision = rows[0]!.decision;
    if (decision === 'link') return linkFamily(tx, ctx, rows[0]!.linkedFamilyId!, group.input);
    const input = group.input;
    const [family] = await tx
      .insert(families)
      .values({ orgId: ctx.actor.orgId, branchId: input.branchId, notes: input.notes, createdBy: ctx.actor.userId })
      .returning({ id: families.id });
    const inserted = await tx
      .insert(members)
      .values(
        input.members.map((member, position) => ({ ...memberValues(member), orgId: ctx.actor.orgId, familyId: family!.id, position })),
      )
      .returning({ id: members.id });
    await refreshFamilyName(tx, family!.id);
    await writeAudit(tx, ctx.audit, {
      action: 'create',
      recordType: 'family',
      recordId: family!.id,
      details: { members: inserted.length, importJobId: auditCode(ctx.jobId) },
    });
    return { status: 'imported', created: { familyId: family!.id, memberIds: inserted.map((m) => m.id) } };
  },

  // New families in bulk: two statements per batch instead of several per family (the rows are
  // validated by the same contract first; a batch that fails is written again family by family).
  writeMany: {
    take: (rows) => rows[0]?.decision !== 'link',
    async write(tx, ctx, lookups, groups) {
      const built = groups.map((rows) => {
        const found = buildGroups(ctx, lookups, rows);
        if (found.length !== 1 || !found[0]!.input) throw new Error('import: the rows no longer make one valid family');
        return found[0]!.input;
      });
      const familyRows = built.map((input) => ({
        id: crypto.randomUUID(),
        org_id: ctx.actor.orgId,
        branch_id: input.branchId,
        name: familyDisplayName(input.members),
        notes: input.notes,
        created_by: ctx.actor.userId,
      }));
      const memberRows = built.flatMap((input, i) =>
        input.members.map((member, position) => {
          const v = memberValues(member);
          return {
            id: crypto.randomUUID(),
            org_id: ctx.actor.orgId,
            family_id: familyRows[i]!.id,
            position,
            relation: v.relation,
            last_name: v.lastName,
            first_name: v.firstName,
            middle_name: v.middleName,
            birth_date: v.birthDate,
            approximate_age: v.approximateAge,
            expected_birth_date: v.expectedBirthDate,
            sex: v.sex,
            citizenship: v.citizenship,
            education: v.education,
            occupation: v.occupation,
            languages: v.languages,
            phone: v.phone,
            phone_digits: v.phoneDigits,
            registered_address: v.registeredAddress,
            actual_address: v.actualAddress,
            documents: v.documents,
          };
        }),
      );
      await bulkInsert(
        tx,
        'families',
        { id: 'uuid', org_id: 'uuid', branch_id: 'uuid', name: 'text', notes: 'text', created_by: 'uuid' },
        familyRows,
      );
      await bulkInsert(
        tx,
        'members',
        {
          id: 'uuid',
          org_id: 'uuid',
          family_id: 'uuid',
          position: 'int',
          relation: 'text',
          last_name: 'text',
          first_name: 'text',
          middle_name: 'text',
          birth_date: 'date',
          approximate_age: 'int',
          expected_birth_date: 'date',
          sex: 'text',
          citizenship: 'text',
          education: 'text',
          occupation: 'text',
          languages: 'text[]',
          phone: 'text',
          phone_digits: 'text',
          registered_address: 'text',
          actual_address: 'text',
          documents: 'jsonb',
        },
        memberRows,
      );
      return familyRows.map((f) => ({ familyId: f.id, memberIds: memberRows.filter((m) => m.family_id === f.id).map((m) => m.id) }));
    },
  },

  async undo(tx, ctx, rows) {
    const created = rows.map((r) => r.created).filter((c): c is Created => Boolean(c?.familyId));
    const newFamilies = created.filter((c) => !c.linked).map((c) => c.familyId!);
    const addedMembers = created.flatMap((c) => c.memberIds ?? []);
    const blocked = new Set<string>();
    if (newFamilies.length > 0) {
      const changed = await tx.execute<{ n: number }>(sql`select count(*)::int as n from families
        where id = any(${`{${newFamilies.join(',')}}`}::uuid[]) and version <> 1`);
      if (Number(changed.rows[0]?.n) > 0) blocked.add('families');
      const extra = await tx.execute<{ n: number }>(sql`select count(*)::int as n from members
        where family_id = any(${`{${newFamilies.join(',')}}`}::uuid[]) and not (id = any(${`{${addedMembers.join(',')}}`}::uuid[]))`);
      if (Number(extra.rows[0]?.n) > 0) blocked.add('members');
    }
    if (addedMembers.length > 0) {
      const changed = await tx.execute<{ n: number }>(sql`select count(*)::int as n from members
        where id = any(${`{${addedMembers.join(',')}}`}::uuid[]) and version <> 1`);
      if (Number(changed.rows[0]?.n) > 0) blocked.add('members');
    }
    for (const table of await blockersOf(tx, 'families', newFamilies, ['members'])) blocked.add(table);
    for (const table of await blockersOf(tx, 'members', addedMembers, [])) blocked.add(table);
    if (blocked.size > 0) return { blocked: [...blocked] };
    if (addedMembers.length > 0) await tx.execute(sql`delete from members where id = any(${`{${addedMembers.join(',')}}`}::uuid[])`);
    if (newFamilies.length > 0) await tx.execute(sql`delete from families where id = any(${`{${newFamilies.join(',')}}`}::uuid[])`);
    const linked = [...new Set(created.filter((c) => c.linked).map((c) => c.familyId!))];
    for (const familyId of linked) await refreshFamilyName(tx, familyId);
    return { blocked: [] };
  },
};

/** The row is this existing family: the members it does not have yet are added, as POST …/members would. */
async function linkFamily(
  tx: Tx,
  ctx: JobContext,
  familyId: string,
  input: FamilyCreateInput,
): Promise<{ status: 'linked'; created: Created }> {
  await assertFamilyInScope(tx, ctx.actor, familyId);
  const existing = await tx.execute<{ last_name: string; first_name: string; middle_name: string; birth_date: string | null; n: number }>(
    sql`select last_name, first_name, middle_name, birth_date::text, count(*) over ()::int as n from members where family_id = ${familyId}`,
  );
  const known = new Set(existing.rows.map((m) => `${normalizeName(m.last_name, m.first_name, m.middle_name)}|${m.birth_date ?? ''}`));
  let position = Number(existing.rows[0]?.n ?? 0);
  const memberIds: string[] = [];
  for (const member of input.members) {
    if (known.has(`${normalizeName(member.lastName, member.firstName, member.middleName)}|${member.birthDate ?? ''}`)) continue;
    const [row] = await tx
      .insert(members)
      .values({ ...memberValues(member), orgId: ctx.actor.orgId, familyId, position: position++ })
      .returning({ id: members.id });
    memberIds.push(row!.id);
    await writeAudit(tx, ctx.audit, {
      action: 'create',
      recordType: 'member',
      recordId: row!.id,
      details: { familyId: auditCode(familyId), importJobId: auditCode(ctx.jobId) },
    });
    await recordFamilyEvent(tx, ctx.actor, familyId, 'member_added', {
      memberId: row!.id,
      relation: member.relation,
      firstName: member.firstName,
    });
  }
  if (memberIds.length > 0) await refreshFamilyName(tx, familyId);
  return { status: 'linked', created: { familyId, linked: true, memberIds } };
}
