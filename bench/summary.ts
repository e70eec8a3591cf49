// `npx tsx bench/summary.ts [--readme] [files…]`: the latest results (bench/results/latest-*.json by
// default) as a Markdown table, PGlite and PostgreSQL side by side. With --readme it replaces the
// part of README.md between the `<!-- bench:start -->` and `<!-- bench:end -->` markers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from './lib/report.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'results');
const README = path.join(HERE, '..', 'README.md');
const args = process.argv.slice(2);
const toReadme = args.includes('--readme');
const named = args.filter((arg) => arg !== '--readme');
const files = named.length > 0 ? named : ['pglite', 'postgres'].map((e) => path.join(RESULTS, `latest-${e}.json`));
const reports = files.filter((file) => fs.existsSync(file)).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchReport);
if (reports.length === 0) {
  console.error('no results: run `npm run bench` first');
  process.exit(1);
}

const out: string[] = [];
for (const r of reports) {
  const sizes = Object.entries(r.dataset)
    .flatMap(([, counts]) => Object.entries(counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`))
    .join(', ');
  out.push(
    `- **${r.engine}** (${r.engineVersion}): ${r.date.slice(0, 10)}, commit ${r.commit}, ${r.machine.cpus} cores (${r.machine.cpuModel}), ` +
      `${r.machine.memoryGiB} GiB, Node ${r.machine.node}; ${sizes}; ${r.options.duration} s per run; ` +
      `load average ${r.loadAverage.before} → ${r.loadAverage.after}`,
  );
}
out.push('');

const header = ['scenario', 'clients', ...reports.flatMap((r) => [`${r.engine} req/s`, `${r.engine} p50 / p95 / p99 ms`])];
out.push(`| ${header.join(' | ')} |`);
out.push(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
const keys = reports[0]!.results.map((m) => [m.scenario, m.connections] as const);
for (const [scenario, connections] of keys) {
  const cells = reports.flatMap((r) => {
    const m = r.results.find((x) => x.scenario === scenario && x.connections === connections);
    if (!m) return ['—', '—'];
    const failed = m.non2xx + m.errors + m.timeouts;
    return [
      `${Math.round(m.rps).toLocaleString('en')}${failed ? ` (${failed} failed)` : ''}`,
      m.rps > 0 ? `${m.latencyMs.p50} / ${m.latencyMs.p95} / ${m.latencyMs.p99}` : 'no answer within the run',
    ];
  });
  out.push(`| \`${scenario}\` | ${connections} | ${cells.join(' | ')} |`);
}

const markdown = out.join('\n');
if (!toReadme) {
  console.log(markdown);
} else {
  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf('<!-- bench:start -->');
  const end = readme.indexOf('<!-- bench:end -->');
  if (start < 0 || end < start) {
    console.error('README.md has no <!-- bench:start --> … <!-- bench:end --> markers');
    process.exit(1);
  }
  fs.writeFileSync(README, `${readme.slice(0, start)}<!-- bench:start -->\n${markdown}\n${readme.slice(end)}`);
  console.log('README.md updated');
}
