// The base dataset every benchmark stands on: one organisation with branches in several cities and
// many staff with realistic roles. All accounts share one password, hashed once (Argon2 is slow on
// purpose); the admin is admin@bench.hearth.
import { createOrganization } from '../../src/server/access/organizations.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { system } from '../../src/server/db/gateway.js';
import type { Engine } from '../../src/server/db/engine.js';
import type { RoleCode } from '../../src/domain/access/permissions.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom, weighted } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import { personName } from './names.js';

export const BENCH_DOMAIN = 'bench.hearth';
export const BENCH_PASSWORD = 'hearth-bench-password';

const CITIES = [
  ['Москва', 'Москва'],
  ['Санкт-Петербург', 'Санкт-Петербург'],
  ['Хабаровск', 'Хабаровский край'],
  ['Владивосток', 'Приморский край'],
  ['Великие Луки', 'Псковская область'],
  ['Псков', 'Псковская область'],
  ['Новосибирск', 'Новосибирская область'],
  ['Екатеринбург', 'Свердловская область'],
  ['Казань', 'Республика Татарстан'],
  ['Пермь', 'Пермский край'],
  ['Биробиджан', 'Еврейская автономная область'],
  ['Комсомольск-на-Амуре', 'Хабаровский край'],
] as const;

const ROLE_WEIGHTS: Record<RoleCode, number> = {
  case_worker: 34,
  volunteer: 25,
  psychologist: 10,
  coordinator: 8,
  shelter_admin: 8,
  lawyer: 5,
  supervisor: 4,
  me_officer: 3,
  admin: 1,
  // Mentors are resource families with a log-in, generated with the mentoring data, not as staff.
  mentor: 0,
};

export interface StaffMember {
  id: string;
  email: string;
  roles: RoleCode[];
  branchIds: string[];
  active: boolean;
}

export interface StaffData {
  orgId: string;
  branchIds: string[];
  staff: StaffMember[];
  password: string;
  /** admin@bench.hearth: holds `admin`, may read and manage users. */
  adminEmail: string;
}

/** Active staff holding a role (the first one is stable for a given dataset). */
export function staffWithRole(data: StaffData, role: RoleCode): StaffMember[] {
  return data.staff.filter((member) => member.active && member.roles.includes(role));
}

/** Accounts with their roles and branches (staff here; mentors in ./mentoring.ts), all of one password hash. */
export async function insertAccounts(
  engine: Engine,
  users: Record<string, unknown>[],
  roleRows: Record<string, unknown>[],
  branchLinks: Record<string, unknown>[],
): Promise<void> {
  await bulkInsert(
    engine,
    'users',
    {
      id: 'uuid',
      org_id: 'uuid',
      email: 'text',
      last_name: 'text',
      first_name: 'text',
      middle_name: 'text',
      phone: 'text',
      password_hash: 'text',
      active: 'boolean',
    },
    users,
  );
  await bulkInsert(engine, 'user_roles', { org_id: 'uuid', user_id: 'uuid', role_code: 'text' }, roleRows);
  await bulkInsert(engine, 'user_branches', { org_id: 'uuid', user_id: 'uuid', branch_id: 'uuid' }, branchLinks);
}

export const staffDataset: Dataset<StaffData> = {
  name: 'staff',
  description: 'one organisation, branches in several cities, staff with roles',
  after: [],
  size: { option: 'users', default: 2000, describe: 'number of staff accounts' },
  async generate({ engine, size, random, log }) {
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const branchCount = Math.min(CITIES.length, Math.max(2, Math.ceil(size / 200)));
    const orgId = await system(engine, (tx) => createOrganization(tx, 'Фонд «Очаг» (нагрузочный тест)'));
    const branchRows = CITIES.slice(0, branchCount).map(([city, region], index) => ({
      id: uuidFrom(random),
      org_id: orgId,
      name: `Филиал ${index + 1} — ${city}`,
      city,
      region,
    }));
    await bulkInsert(engine, 'branches', { id: 'uuid', org_id: 'uuid', name: 'text', city: 'text', region: 'text' }, branchRows);
    const branchIds = branchRows.map((row) => row.id);

    const staff: StaffMember[] = [];
    const users: Record<string, unknown>[] = [];
    const roleRows: { org_id: string; user_id: string; role_code: string }[] = [];
    const branchLinks: { org_id: string; user_id: string; branch_id: string }[] = [];
    for (let i = 0; i < size; i++) {
      const id = uuidFrom(random);
      const first = i === 0 ? 'admin' : weighted(random, ROLE_WEIGHTS);
      const roles: RoleCode[] = [first];
      // About one in ten holds a second role (a case worker who is also a psychologist, …).
      if (i > 0 && random() < 0.1) {
        const second = weighted(random, ROLE_WEIGHTS);
        if (second !== first && second !== 'admin') roles.push(second);
      }
      const wide = roles.some((role) => role === 'admin' || role === 'supervisor' || role === 'me_officer');
      const home = pick(random, branchIds);
      const memberBranches = wide ? branchIds.slice(0, 3) : [home];
      const name = personName(random);
      const email = i === 0 ? `admin@${BENCH_DOMAIN}` : `staff${String(i).padStart(6, '0')}@${BENCH_DOMAIN}`;
      const active = i === 0 || random() > 0.05;
      users.push({
        id,
        org_id: orgId,
        email,
        last_name: name.lastName,
        first_name: name.firstName,
        middle_name: name.middleName,
        phone: `+7 9${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
        password_hash: passwordHash,
        active,
      });
      for (const role of roles) roleRows.push({ org_id: orgId, user_id: id, role_code: role });
      for (const branchId of memberBranches) branchLinks.push({ org_id: orgId, user_id: id, branch_id: branchId });
      staff.push({ id, email, roles, branchIds: memberBranches, active });
    }
    await insertAccounts(engine, users, roleRows, branchLinks);
    log(`${size} staff in ${branchCount} branches`);
    return { orgId, branchIds, staff, password: BENCH_PASSWORD, adminEmail: `admin@${BENCH_DOMAIN}` };
  },
  describe: (data) => ({
    branches: data.branchIds.length,
    staff: data.staff.length,
    'active users': data.staff.filter((member) => member.active).length,
  }),
};
