// The indicator API: definitions refused with the field named (nothing written), versions kept on
// edit, stale edits 409, retirement, and the authorization matrix — on both engines.
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_PERMISSIONS, type RoleCode } from '../../domain/access/permissions.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let me: Client;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  me = await login(t, (await buildUser(t, org, ['me_officer'])).email);
});
afterAll(() => t.close());

const definition = (code: string, measure: unknown, extra: Record<string, unknown> = {}) => ({
  definition: { code, name: { ru: `Показатель ${code}`, en: `Indicator ${code}` }, group: 'work', measure, ...extra },
});
const legal = { kind: 'count', of: { subject: 'services', filters: [{ field: 'serviceType', values: ['legal_consultation'] }] } };

async function library(client = me) {
  const res = await client.get('/api/indicators');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; code: string; version: number; retired: boolean; definition: { measure: unknown } }[];
}

describe('definitions', () => {
  it('creates, edits into a new version keeping the old, refuses a stale edit, retires', async () => {
    const created = await me.post(
      '/api/indicators',
      definition('legal_hours_custom', { kind: 'sum', of: { subject: 'hours', filters: [] } }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json();
    expect(version).toBe(1);
    const edited = await me.put(`/api/indicators/${id}`, { ...definition('ignored_code', legal), version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    // The code is the indicator's identity and stays; the old version stays readable.
    expect(edited.json()).toMatchObject({ code: 'legal_hours_custom', version: 2 });
    expect(
      edited
        .json()
        .versions.map((v: { version: number; definition: { measure: { kind: string } } }) => [v.version, v.definition.measure.kind]),
    ).toEqual([
      [2, 'count'],
      [1, 'sum'],
    ]);
    const old = await me.get(`/api/indicators/${id}/value?from=2026-01-01&to=2026-03-31&version=1`);
    expect(old.statusCode, old.body).toBe(200);
    expect(old.json()).toMatchObject({ version: 1, result: { value: 0 } });
    const stale = await me.put(`/api/indicators/${id}`, { ...definition('legal_hours_custom', legal), version: 1 });
    expect(stale.statusCode).toBe(409);
    const values = async () =>
      ((await me.get('/api/indicators/values?from=2026-01-01&to=2026-03-31')).json().items as { code: string; version: number }[]).find(
        (i) => i.code === 'legal_hours_custom',
      );
    expect((await values())?.version).toBe(2);
    expect((await me.post(`/api/indicators/${id}/retire`, { version: 1 })).statusCode).toBe(409);
    const retired = await me.post(`/api/indicators/${id}/retire`, { version: 2 });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().retired).toBe(true);
    expect(await values()).toBeUndefined();
    const audit = await admin.get(`/api/audit?recordType=indicator&recordId=${id}`);
    expect(audit.statusCode, audit.body).toBe(200);
    // Created, edited, retired: three audit records of the indicator.
    expect(audit.json().items).toHaveLength(3);
  });

  it('refuses a definition that cannot be computed, naming the field in the caller’s language, writing nothing', async () => {
    const before = (await library()).length;
    const cases: [unknown, string, string][] = [
      [
        definition('bad_field', { kind: 'count', of: { subject: 'stays', filters: [{ field: 'serviceType', values: ['x'] }] } }),
        'definition.measure.of.filters.0.field',
        'validation.indicator_unknown_field',
      ],
      [
        definition('bad_value', { kind: 'count', of: { subject: 'stays', filters: [{ field: 'leaveReason', values: ['eloped'] }] } }),
        'definition.measure.of.filters.0.values',
        'validation.indicator_unknown_value',
      ],
      [
        definition('no_denominator', { kind: 'proportion', numerator: { subject: 'cases', filters: [] }, denominator: null }),
        'definition.measure.denominator',
        'validation.indicator_missing_part',
      ],
      [
        definition('nothing_to_sum', { kind: 'sum', of: { subject: 'families', filters: [] } }),
        'definition.measure.of.subject',
        'validation.indicator_no_value',
      ],
      [
        definition('unknown_ref', { kind: 'ratio', numeratorCode: 'no_such_indicator', denominatorCode: 'families_supported' }),
        'definition.measure.numeratorCode',
        'validation.indicator_unknown_reference',
      ],
      [
        definition('bad_subject', { kind: 'count', of: { subject: 'trainings', filters: [] } }),
        'definition.measure.of.subject',
        'validation.invalid_option',
      ],
      [definition('families_supported', legal), 'definition.code', 'validation.indicator_code_taken'],
    ];
    for (const [body, path, code] of cases) {
      const res = await me.post('/api/indicators', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path, code }));
    }
    const english = await me.post(
      '/api/indicators',
      definition('no_denominator', { kind: 'proportion', numerator: { subject: 'cases', filters: [] }, denominator: null }),
      { 'accept-language': 'en' },
    );
    expect(english.json().error.fields[0].message).toBe('Define this part of the indicator');
    const russian = await me.post('/api/indicators', cases[0]![0]);
    expect(russian.json().error.fields[0].message).toBe('Такого поля нет у выбранного предмета счёта');
    expect((await library()).length).toBe(before);
  });

  it('computes a ratio of two indicators and refuses a circular one', async () => {
    const ratio = await me.post(
      '/api/indicators',
      definition('legal_per_family', { kind: 'ratio', numeratorCode: 'legal_consultations', denominatorCode: 'families_supported' }),
    );
    expect(ratio.statusCode, ratio.body).toBe(201);
    // Nothing recorded in this organisation: no families, so no ratio (never a division by zero).
    const value = await me.get(`/api/indicators/${ratio.json().id}/value?from=2026-01-01&to=2026-03-31`);
    expect(value.json().result.value).toBeNull();
    const target = (await library()).find((i) => i.code === 'families_supported')!;
    const circular = await me.put(`/api/indicators/${target.id}`, {
      ...definition('families_supported', { kind: 'ratio', numeratorCode: 'legal_per_family', denominatorCode: 'legal_consultations' }),
      version: target.version,
    });
    expect(circular.statusCode).toBe(400);
    expect(circular.json().error.fields).toContainEqual(
      expect.objectContaining({ path: 'definition.measure', code: 'validation.indicator_circular' }),
    );
    expect((await library()).find((i) => i.code === 'families_supported')!.version).toBe(target.version);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await me.get('/api/indicators/values?from=2026-03-31&to=2026-01-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('query.to');
  });
});

describe('authorization', () => {
  const ROLES: RoleCode[] = [
    'admin',
    'coordinator',
    'supervisor',
    'me_officer',
    'case_worker',
    'psychologist',
    'lawyer',
    'shelter_admin',
    'volunteer',
  ];
  // Readers and managers follow the role defaults; the admin's results permissions are a setting of
  // the defaults (granted to existing organisations by migration 0008), the others are fixed here.
  const holds = (role: RoleCode, p: string) => (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes(p);
  const READERS = new Set<RoleCode>(ROLES.filter((r) => holds(r, 'indicators.read')));
  const MANAGERS = new Set<RoleCode>(ROLES.filter((r) => holds(r, 'indicators.manage')));
  it('reading is for coordinators, supervisors and M&E; managing for M&E', () => {
    expect(ROLES.filter((r) => r !== 'admin' && READERS.has(r))).toEqual(['coordinator', 'supervisor', 'me_officer']);
    expect(ROLES.filter((r) => r !== 'admin' && MANAGERS.has(r))).toEqual(['me_officer']);
  });
  let otherId: string;
  let ownId: string;
  let n = 0;

  beforeAll(async () => {
    const other = await buildOrganization(t);
    const otherMe = await login(t, (await buildUser(t, other, ['me_officer'])).email);
    otherId = (await library(otherMe))[0]!.id;
    ownId = (await library())[0]!.id;
  });

  it.each(ROLES)('%s', async (role) => {
    const client = await login(t, (await buildUser(t, org, [role])).email);
    const read = READERS.has(role) ? 200 : 403;
    const period = 'from=2026-01-01&to=2026-03-31';
    const reads: [HTTPMethods, string][] = [
      ['GET', '/api/indicators'],
      ['GET', `/api/indicators/values?${period}`],
      ['GET', `/api/indicators/${ownId}`],
      ['GET', `/api/indicators/${ownId}/value?${period}`],
    ];
    for (const [method, url] of reads) {
      const res = await client.request(method, url);
      expect(res.statusCode, `${role} ${url} ${res.body}`).toBe(read);
    }
    // Writes that stop at a stale version once past the access check: 409 = reached.
    n += 1;
    const manage = MANAGERS.has(role);
    expect((await client.post('/api/indicators', definition(`by_${role}_${n}`, legal))).statusCode).toBe(manage ? 201 : 403);
    expect((await client.put(`/api/indicators/${ownId}`, { ...definition('x', legal), version: 999 })).statusCode).toBe(manage ? 409 : 403);
    expect((await client.post(`/api/indicators/${ownId}/retire`, { version: 999 })).statusCode).toBe(manage ? 409 : 403);
    // Another organisation's indicator does not exist for this one.
    expect((await client.get(`/api/indicators/${otherId}`)).statusCode).toBe(READERS.has(role) ? 404 : 403);
    expect((await client.get(`/api/indicators/${otherId}/value?${period}`)).statusCode).toBe(READERS.has(role) ? 404 : 403);
    expect((await client.put(`/api/indicators/${otherId}`, { ...definition('x', legal), version: 1 })).statusCode).toBe(manage ? 404 : 403);
    expect((await client.post(`/api/indicators/${otherId}/retire`, { version: 1 })).statusCode).toBe(manage ? 404 : 403);
  });
});
