// `npm run bench -- --engine pglite|postgres [--users N] [--duration S] [--scenario NAMES]`
//
// Creates a fresh database (PGlite in a temporary folder, or `hearth_bench` on a PostgreSQL server),
// generates the datasets the chosen scenarios need, runs VACUUM ANALYZE, starts the real server on
// a loopback port, and measures each scenario with autocannon for a fixed time with 1 and with 20
// concurrent clients. Prints p50/p95/p99 latency and requests per second, and writes the results as
// JSON into bench/results/. Traffic goes to 127.0.0.1 only, and every run is bounded in time.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { system } from '../src/server/db/gateway.js';
import { DATASETS } from './datasets/index.js';
import { SCENARIOS } from './scenarios/index.js';
import { createBenchDatabase, type BenchDatabase, type EngineKind } from './lib/database.js';
import { findStoredRun, storeRun } from './lib/reuse.js';
import { logIn, measure } from './lib/measure.js';
import { seededRandom } from './lib/random.js';
import { machine, table, writeReport, type BenchReport } from './lib/report.js';
import { startServer, type RunningServer } from './lib/server.js';
import type { AnyDataset, Measurement, Scenario } from './lib/types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const MAX_DURATION = 120;

const OPTIONS = {
  engine: { type: 'string', default: 'pglite' },
  duration: { type: 'string', default: '5' },
  warmup: { type: 'string', default: '1' },
  scenario: { type: 'string' },
  connections: { type: 'string' },
  'pg-url': { type: 'string' },
  database: { type: 'string', default: 'hearth_bench' },
  seed: { type: 'string', default: '1' },
  out: { type: 'string', default: path.join(HERE, 'results') },
  keep: { type: 'boolean', default: false },
  reuse: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  // One size option per dataset (--users, …), from the datasets' own declarations.
  ...Object.fromEntries(DATASETS.map((d) => [d.size.option, { type: 'string', default: String(d.size.default) }])),
} satisfies NonNullable<ParseArgsConfig['options']>;

function usage(): string {
  const sizes = DATASETS.map((d) => `  --${d.size.option} N`.padEnd(26) + `${d.size.describe} (default ${d.size.default})`).join('\n');
  const scenarios = SCENARIOS.map((s) => `  ${s.name.padEnd(22)}${s.description}`).join('\n');
  return `Usage: npm run bench -- [options]

  --engine pglite|postgres  database engine (default pglite)
  --duration S            seconds measured per scenario and number of clients (default 5, at most ${MAX_DURATION})
  --warmup S              unrecorded warm-up seconds per scenario (default 1)
  --scenario A,B          only these scenarios (a name, or a prefix such as "users")
  --connections 1,20      numbers of concurrent clients (default: each scenario's own, usually 1 and 20)
  --pg-url URL            PostgreSQL server to create the database "hearth_bench" on
                          (default $HEARTH_BENCH_PG_URL or ${DEFAULT_PG_URL})
  --database NAME         name of that database, hearth_bench… (default hearth_bench), so that two
                          runs on one server do not drop each other's database
  --seed N                seed of the generated data (default 1)
  --out DIR               where results are written (default bench/results)
  --keep                  keep the generated database afterwards
  --reuse                 (postgres) take the data of an earlier --keep run with the same seed and
                          sizes from the database instead of generating it again; implies --keep
${sizes}

Scenarios:
${scenarios}`;
}

class UsageError extends Error {}

function positive(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new UsageError(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

function selectScenarios(filter: string | undefined): Scenario[] {
  if (!filter) return [...SCENARIOS];
  const wanted = filter
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chosen = SCENARIOS.filter((s) => wanted.some((w) => s.name === w || s.name.startsWith(`${w}.`)));
  const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.name === w || s.name.startsWith(`${w}.`)));
  if (unknown.length) throw new UsageError(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  return chosen;
}

/** The datasets the scenarios need, with the ones they build on, in generation order. */
function datasetsFor(scenarios: readonly Scenario[]): AnyDataset[] {
  const byName = new Map(DATASETS.map((d) => [d.name, d]));
  const ordered: AnyDataset[] = [];
  const visit = (name: string, trail: string[]) => {
    const dataset = byName.get(name);
    if (!dataset) throw new Error(`unknown dataset "${name}" (needed by ${trail.join(' → ') || 'the runner'})`);
    if (ordered.includes(dataset)) return;
    if (trail.includes(name)) throw new Error(`datasets depend on each other in a circle: ${[...trail, name].join(' → ')}`);
    for (const before of dataset.after) visit(before, [...trail, name]);
    ordered.push(dataset);
  };
  visit('staff', []);
  for (const scenario of scenarios) for (const name of scenario.datasets) visit(name, [scenario.name]);
  return ordered;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: HERE,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return void console.log(usage());
  const engineKind = values.engine as EngineKind;
  if (engineKind !== 'pglite' && engineKind !== 'postgres')
    throw new UsageError(`--engine must be pglite or postgres, got "${values.engine}"`);
  const duration = positive('duration', values.duration);
  if (duration > MAX_DURATION) throw new UsageError(`--duration is at most ${MAX_DURATION} s per measurement`);
  const warmup = positive('warmup', values.warmup, true);
  const connections = values.connections?.split(',').map((c) => positive('connections', c));
  if (connections?.some((c) => !Number.isInteger(c) || c > 200)) throw new UsageError('--connections takes whole numbers up to 200');
  const seed = positive('seed', values.seed, true);
  const sizeOf = (d: AnyDataset) => {
    const size = positive(d.size.option, String((values as Record<string, unknown>)[d.size.option]));
    if (!Number.isInteger(size)) throw new UsageError(`--${d.size.option} must be a whole number`);
    return size;
  };
  const scenarios = selectScenarios(values.scenario);
  const datasets = datasetsFor(scenarios);
  const sizes = Object.fromEntries(datasets.map((d) => [d.size.option, sizeOf(d)]));
  const pgUrl = values['pg-url'] ?? process.env.HEARTH_BENCH_PG_URL ?? DEFAULT_PG_URL;
  if (!/^hearth_bench[a-z0-9_]*$/.test(values.database))
    throw new UsageError(`--database must be hearth_bench followed by lower-case letters, digits or _, got "${values.database}"`);

  console.log(
    `Hearth benchmark: ${engineKind}, ${Object.entries(sizes)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}, ${duration} s per run`,
  );
  let database: BenchDatabase | undefined;
  let server: RunningServer | undefined;
  const stopAll = async () => {
    await server?.stop();
    server = undefined;
    await database?.dispose(values.keep || values.reuse);
    database = undefined;
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

  try {
    const reuse = values.reuse && engineKind === 'postgres';
    const keep = values.keep || reuse;
    database = await createBenchDatabase(engineKind, pgUrl, values.database, reuse);
    console.log(`database: ${database.where}`);
    const { engine, migration } = await database.open();
    const random = seededRandom(seed);
    const stored = reuse
      ? await findStoredRun(
          engine,
          seed,
          sizes,
          datasets.map((d) => ({ name: d.name, option: d.size.option })),
        )
      : null;
    const infos: Record<string, unknown> = stored?.infos ?? {};
    const counts: Record<string, Record<string, number>> = stored?.counts ?? {};
    // On a stored run, only the datasets it lacks are generated (on top of the ones it has).
    const missing = datasets.filter((d) => !(d.name in infos));
    for (const dataset of datasets)
      if (dataset.name in infos && dataset.refresh) infos[dataset.name] = await dataset.refresh(engine, infos[dataset.name]);
    if (reuse)
      console.log(
        !stored
          ? 'no earlier data of these sizes: generating'
          : missing.length
            ? `reusing the data generated by an earlier run, generating ${missing.map((d) => d.name).join(', ')}`
            : 'reusing the data generated by an earlier run',
      );
    const generating = performance.now();
    for (const dataset of missing) {
      const started = performance.now();
      const needs = Object.fromEntries(dataset.after.map((name) => [name, infos[name]]));
      infos[dataset.name] = await dataset.generate({
        engine,
        size: sizes[dataset.size.option]!,
        needs,
        random,
        log: (message) => console.log(`  ${dataset.name}: ${message}`),
      });
      counts[dataset.name] = dataset.describe?.(infos[dataset.name]) ?? {};
      console.log(`generated ${dataset.name} in ${seconds(started)} s`);
    }
    const generateSeconds = seconds(generating);
    if (keep && missing.length > 0) await storeRun(engine, seed, { ...stored?.sizes, ...sizes }, { infos, counts });
    // PGlite has no autovacuum: without fresh statistics the planner ignores the indexes.
    const vacuuming = performance.now();
    if (missing.length > 0) await engine.exec('vacuum analyze');
    const vacuumSeconds = seconds(vacuuming);
    console.log(`VACUUM ANALYZE in ${vacuumSeconds} s`);
    const version = await system(engine, (tx) => tx.execute<{ v: string }>(sql`select version() as v`));
    const engineVersion = String(version.rows[0]?.v ?? '').split(' on ')[0] ?? '';
    await engine.close();

    server = await startServer(database.serverEnv);
    const loadBefore = os.loadavg()[0]!;
    console.log(`server: ${server.baseUrl} (pid ${server.pid})\n`);
    const results: Measurement[] = [];
    for (const scenario of scenarios) {
      const context = { data: infos, random: seededRandom(seed + 1) };
      const session = scenario.loginAs ? await logIn(server.baseUrl, scenario.loginAs(context), staffPassword(infos)) : undefined;
      const requests = scenario.requests({ ...context, session });
      const measured = await measure(server.baseUrl, scenario, requests, { duration, warmup, connections });
      results.push(...measured);
      for (const m of measured) {
        const failures = m.non2xx + m.errors + m.timeouts;
        console.log(
          `${m.scenario.padEnd(16)} ${String(m.connections).padStart(3)} clients: ${m.rps.toFixed(1).padStart(8)} req/s, p50 ${m.latencyMs.p50} ms, p95 ${m.latencyMs.p95} ms, p99 ${m.latencyMs.p99} ms${failures ? `, ${failures} FAILED` : ''}`,
        );
      }
    }
    const loadAfter = os.loadavg()[0]!;
    await stopAll();

    const report: BenchReport = {
      date: new Date().toISOString(),
      engine: engineKind,
      engineVersion,
      migration,
      machine: machine(),
      loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadAfter * 100) / 100 },
      commit: gitCommit(),
      options: { duration, warmup, seed, connections: connections ?? 'per scenario', sizes },
      dataset: counts,
      setupSeconds: { generate: generateSeconds, vacuum: vacuumSeconds },
      results,
    };
    const label = (values.scenario ?? '').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
    const { file } = writeReport(values.out, report, label);
    console.log(
      `\n${engineVersion}; ${report.machine.cpus} cores (${report.machine.cpuModel}), Node ${report.machine.node}; ` +
        `load average ${report.loadAverage.before} → ${report.loadAverage.after}\n`,
    );
    console.log(table(results));
    console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
    const failed = results.filter((m) => m.non2xx + m.errors + m.timeouts > 0);
    if (failed.length) {
      console.error(`\nSome requests failed in: ${[...new Set(failed.map((m) => m.scenario))].join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await stopAll();
  }
}

/** Every generated account shares the staff dataset's password. */
function staffPassword(infos: Record<string, unknown>): string {
  return (infos.staff as { password: string }).password;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`bench: ${(error as Error).message}\n\n${usage()}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
