// The results table printed at the end of a run, and the JSON written to bench/results/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measurement } from './types.js';

export interface BenchReport {
  date: string;
  engine: string;
  engineVersion: string;
  migration: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  /** 1-minute load average before and after measuring: other work on the machine skews the figures. */
  loadAverage: { before: number; after: number };
  commit: string;
  options: Record<string, unknown>;
  dataset: Record<string, Record<string, number>>;
  setupSeconds: { generate: number; vacuum: number };
  results: Measurement[];
}

export function machine(): BenchReport['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const pad = (value: string, width: number, right = false) => (right ? value.padStart(width) : value.padEnd(width));

export function table(results: readonly Measurement[]): string {
  const header = ['scenario', 'clients', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'max KB', 'errors', 'target'];
  // A run in which no answer came back within its duration has no latency to show.
  const ms = (m: Measurement, value: number) => (m.rps > 0 ? value.toFixed(1) : '—');
  const rows = results.map((m) => [
    m.scenario,
    String(m.connections),
    m.rps.toFixed(1),
    ms(m, m.latencyMs.p50),
    ms(m, m.latencyMs.p95),
    ms(m, m.latencyMs.p99),
    ms(m, m.latencyMs.max),
    // Older result files have no sizes.
    m.bytes ? (m.bytes.max / 1024).toFixed(1) : '—',
    String(m.non2xx + m.errors + m.timeouts),
    m.target
      ? `${[
          m.target.p95Ms !== undefined && `p95≤${m.target.p95Ms}`,
          m.target.minRps !== undefined && `≥${m.target.minRps}/s`,
          m.target.maxBytes !== undefined && `≤${m.target.maxBytes / 1024} KB`,
        ]
          .filter(Boolean)
          .join(' ')} ${m.targetMet ? 'met' : 'MISSED'}`
      : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i]!, i > 0 && i < 9)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Writes `<engine>[-<label>]-<timestamp>.json` and `latest-<engine>[-<label>].json` (the copy kept in
 * git). The label names a partial run (`--scenario users` → `users`), so it does not replace the
 * latest full run.
 */
export function writeReport(dir: string, report: BenchReport, label = ''): { file: string; latest: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const name = label ? `${report.engine}-${label}` : report.engine;
  const file = path.join(dir, `${name}-${stamp}.json`);
  const latest = path.join(dir, `latest-${name}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(file, json);
  fs.writeFileSync(latest, json);
  return { file, latest };
}
