// Measuring one scenario with autocannon: a short unrecorded warm-up, then a fixed-duration run per
// number of concurrent clients. Latency percentiles are computed from every response's own time
// (autocannon's summary has no p95).
import autocannon from 'autocannon';
import type { BenchRequest, Measurement, Scenario, Session, Target } from './types.js';

export async function logIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`log-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith('hearth_session='));
  if (!cookie) throw new Error(`log-in as ${email} set no session cookie`);
  const body = (await res.json()) as { csrfToken: string };
  return { email, cookie, csrfToken: body.csrfToken };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

interface RunResult {
  latencies: number[];
  bytes: { max: number; total: number };
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function run(baseUrl: string, requests: BenchRequest[], connections: number, seconds: number): Promise<RunResult> {
  const latencies: number[] = [];
  const bytes = { max: 0, total: 0 };
  let non2xx = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon({ url: baseUrl, connections, duration: seconds, pipelining: 1, timeout: 30, requests });
  instance.on('response', (_client: unknown, statusCode: number, size: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      latencies.push(responseTime);
      bytes.max = Math.max(bytes.max, size);
      bytes.total += size;
    } else non2xx++;
  });
  const result = await instance;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    latencies: latencies.sort((a, b) => a - b),
    bytes,
    requests: latencies.length + non2xx,
    seconds: Math.min(elapsed, result.duration || elapsed),
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

function meets(target: Target | undefined, m: Pick<Measurement, 'rps' | 'latencyMs' | 'bytes'>): boolean | undefined {
  if (!target) return undefined;
  // No successful answer at all is a miss, not a p95 of 0 ms.
  if (m.rps === 0) return false;
  return (
    (target.p95Ms === undefined || m.latencyMs.p95 <= target.p95Ms) &&
    (target.minRps === undefined || m.rps >= target.minRps) &&
    (target.maxBytes === undefined || m.bytes.max <= target.maxBytes)
  );
}

export async function measure(
  baseUrl: string,
  scenario: Scenario,
  requests: BenchRequest[],
  options: { duration: number; warmup: number; connections?: number[] },
): Promise<Measurement[]> {
  const levels = options.connections ?? scenario.connections ?? [1, 20];
  if (options.warmup > 0) await run(baseUrl, requests, Math.max(...levels), options.warmup);
  const measurements: Measurement[] = [];
  for (const connections of levels) {
    const r = await run(baseUrl, requests, connections, options.duration);
    // Requests still in flight when the time is up are not counted (neither answered nor failed).
    const ok = r.latencies.length;
    const latencyMs = {
      p50: round(percentile(r.latencies, 50)),
      p95: round(percentile(r.latencies, 95)),
      p99: round(percentile(r.latencies, 99)),
      max: round(r.latencies.at(-1) ?? 0),
      mean: round(ok ? r.latencies.reduce((sum, v) => sum + v, 0) / ok : 0),
    };
    // Requests per second count successful answers only: an error is not throughput.
    const rps = round(ok / r.seconds);
    const bytes = { max: r.bytes.max, mean: Math.round(ok ? r.bytes.total / ok : 0) };
    const target = scenario.targets?.[connections];
    measurements.push({
      scenario: scenario.name,
      description: scenario.description,
      connections,
      durationSeconds: round(r.seconds, 2),
      requests: r.requests,
      rps,
      latencyMs,
      bytes,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      ...(target && { target, targetMet: meets(target, { rps, latencyMs, bytes }) }),
    });
  }
  return measurements;
}
