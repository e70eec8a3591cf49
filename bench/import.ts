// `npx tsx bench/import.ts --engine pglite|postgres [--families N] [--database hearth_bench_…]`
//
// The import benchmark of issue 16 (target: 10,000 families with 30,000 members from XLSX in ≤ 60 s
// on PGlite and on PostgreSQL, with progress shown). Unlike the other scenarios this is one long job,
// not a latency under load, so it has its own runner: a fresh migrated database (bench/lib/database.ts),
// an organisation with a coordinator, the real HTTP app in this process; a generated XLSX of N
// families (a mother, and two children in each; Russian dates as text and as date cells, phones written
// three ways, a family column) is uploaded, mapped as suggested, checked (preview: every row's
// problems and the duplicate check of every member against the database) and imported, polling the
// job's progress as the wizard does and printing it. Times: upload (reading the file), check, import.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createOrganization, createUser } from '../src/server/access/organizations.js';
import { branches } from '../src/server/access/tables.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { loadConfig } from '../src/server/config.js';
import { system } from '../src/server/db/gateway.js';
import { buildApp } from '../src/server/http/app.js';
import { createBenchDatabase, type EngineKind } from './lib/database.js';
import { seededRandom } from '../src/server/seed/bulk.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    families: { type: 'string', default: '10000' },
    database: { type: 'string', default: 'hearth_bench_import' },
    'pg-url': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const engineKind = values.engine as EngineKind;
const families = Number(values.families);
const pgUrl = values['pg-url'] ?? process.env.HEARTH_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!/^hearth_bench[a-z0-9_]*$/.test(values.database!)) throw new Error('--database must start with hearth_bench');

const SURNAMES = [
  'Иванова',
  'Смирнова',
  'Кузнецова',
  'Попова',
  'Васильева',
  'Петрова',
  'Соколова',
  'Михайлова',
  'Новикова',
  'Фёдорова',
  'Морозова',
  'Волкова',
  'Алексеева',
  'Лебедева',
  'Семёнова',
  'Егорова',
  'Павлова',
  'Козлова',
  'Степанова',
  'Николаева',
];
const FIRST = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Алёна', 'Дарья', 'Юлия', 'Ксения'];
const MIDDLE = ['Ивановна', 'Петровна', 'Сергеевна', 'Андреевна', 'Олеговна', 'Викторовна', 'Дмитриевна', 'Алексеевна'];
const CHILDREN = ['Миша', 'Саша', 'Ваня', 'Даша', 'Катя', 'Соня', 'Артём', 'Полина', 'Лёва', 'Вера'];

async function workbook(n: number): Promise<Buffer> {
  const random = seededRandom(1);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Семьи');
  sheet.addRow(['Семья', 'Фамилия', 'Имя', 'Отчество', 'Кем приходится', 'Дата рождения', 'Телефон']);
  for (let i = 0; i < n; i += 1) {
    const surname = `${SURNAMES[random.int(0, SURNAMES.length - 1)]}${i}`;
    const day = random.int(1, 28);
    const phone = 9_140_000_000 + i;
    const written = [
      `8 (${String(phone).slice(0, 3)}) ${String(phone).slice(3, 6)}-${String(phone).slice(6, 8)}-${String(phone).slice(8)}`,
      `+7${phone}`,
      `7${phone}`,
    ][i % 3]!;
    sheet.addRow([
      i + 1,
      surname,
      FIRST[random.int(0, FIRST.length - 1)],
      MIDDLE[random.int(0, MIDDLE.length - 1)],
      'мать',
      `${day}.${random.int(1, 12)}.19${random.int(80, 99)}`,
      written,
    ]);
    for (let c = 0; c < 2; c += 1) {
      const born = new Date(Date.UTC(random.int(2012, 2025), random.int(0, 11), random.int(1, 28)));
      sheet.addRow([i + 1, surname, CHILDREN[random.int(0, CHILDREN.length - 1)], '', c === 0 ? 'сын' : 'дочь', born, '']);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(engineKind, pgUrl, values.database);
  const { engine } = await database.open();
  const password = 'bench-import-2026';
  const passwordHash = await hashPassword(password);
  const email = `coordinator-${crypto.randomBytes(3).toString('hex')}@bench.test`;
  await system(engine, async (tx) => {
    const orgId = await createOrganization(tx, 'Фонд «Очаг» (импорт)');
    const [branch] = await tx.insert(branches).values({ orgId, name: 'Хабаровск', city: 'Хабаровск' }).returning({ id: branches.id });
    await createUser(tx, orgId, {
      email,
      lastName: 'Смирнова',
      firstName: 'Татьяна',
      password,
      passwordHash,
      roles: ['coordinator'],
      branchIds: [branch!.id],
    });
  });
  process.env.HEARTH_LOG ??= 'silent';
  const app = await buildApp({ engine, config: { ...loadConfig({}), serveWeb: false }, now: () => new Date() });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const cookie = `hearth_session=${login.cookies.find((c) => c.name === 'hearth_session')!.value}`;
  const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as Record<string, unknown> }) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 500)}`);
    return res.json() as {
      id: string;
      version: number;
      branchId: string | null;
      status: string;
      mapping: Record<string, number>;
      progress: { done: number; total: number };
      counts: Record<string, number>;
    };
  };
  const poll = async (id: string, phase: string) => {
    let last = '';
    for (;;) {
      const job = await call('GET', `/api/imports/${id}`);
      const line = `  ${phase}: ${job.progress.done} / ${job.progress.total}`;
      if (line !== last) console.log(line);
      last = line;
      if (!['analysing', 'running'].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  console.log(`Generating an XLSX of ${families} families (${families * 3} rows)…`);
  const file = await workbook(families);
  console.log(`  ${(file.length / 1024 / 1024).toFixed(1)} MB`);
  const t0 = performance.now();
  const created = await call('POST', '/api/imports', {
    kind: 'families',
    fileName: 'families.xlsx',
    contentBase64: file.toString('base64'),
  });
  const t1 = performance.now();
  console.log(`Upload and read: ${((t1 - t0) / 1000).toFixed(1)} s`);
  await call('PUT', `/api/imports/${created.id}/mapping`, {
    mapping: created.mapping,
    branchId: created.branchId,
    version: created.version,
  });
  const previewed = await poll(created.id, 'check');
  const t2 = performance.now();
  console.log(`Check (problems, duplicates): ${((t2 - t1) / 1000).toFixed(1)} s — ${JSON.stringify(previewed.counts)}`);
  await call('POST', `/api/imports/${created.id}/run`, { version: previewed.version });
  const done = await poll(created.id, 'import');
  const t3 = performance.now();
  console.log(`Import: ${((t3 - t2) / 1000).toFixed(1)} s — ${JSON.stringify(done.counts)}`);
  const counted = await system(engine, (tx) =>
    tx.execute<{ f: number; m: number }>(sql`select (select count(*)::int from families) as f, (select count(*)::int from members) as m`),
  );
  console.log(
    `Total: ${((t3 - t0) / 1000).toFixed(1)} s for ${counted.rows[0]!.f} families, ${counted.rows[0]!.m} members (${engineKind})`,
  );
  await app.close();
  await engine.close();
  await database.dispose(values.keep);
}

await main();
