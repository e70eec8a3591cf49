// The two extension points of the benchmark: datasets (what is generated into the fresh database)
// and scenarios (what is measured against the running server). A later area adds a dataset file
// and a scenario file and lists them in datasets/index.ts and scenarios/index.ts; nothing else in
// the runner changes.
import type { Engine } from '../../src/server/db/engine.js';

/** How big a dataset is made: each becomes a command-line option (`--users 2000`). */
export interface DatasetSize {
  /** The option name, e.g. `users` → `--users N`. */
  option: string;
  default: number;
  describe: string;
}

export interface GenerateContext<Needs = unknown> {
  engine: Engine;
  /** The size asked for on the command line (or the default). */
  size: number;
  /** What the datasets this one builds on produced (see `after`). */
  needs: Needs;
  /** A seeded random source in [0, 1): the same options give the same data. */
  random(): number;
  log(message: string): void;
}

export interface Dataset<Info = unknown, Needs = unknown> {
  name: string;
  description: string;
  /** Datasets generated first; their results arrive in `ctx.needs` keyed by name. */
  after: string[];
  size: DatasetSize;
  /** Writes the data (bulk inserts: see lib/bulk.ts) and returns what scenarios need to build requests. */
  generate(ctx: GenerateContext<Needs>): Promise<Info>;
  /** Counts for the report (rows per table), after generation. */
  describe?(info: Info): Record<string, number>;
  /**
   * On `--reuse`: brings a stored run's info up to date with the data (a scenario that writes, such
   * as a hand-out, uses up what an earlier run left), so reused data measures the same thing.
   */
  refresh?(engine: Engine, info: Info): Promise<Info>;
}

/** A type-erased dataset, as stored in the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDataset = Dataset<any, any>;

/** One HTTP request as autocannon sends it. `setupRequest` may vary each request (ids, search terms). */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: { method: string; path: string; headers: Record<string, string>; body?: string }) => {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string;
  };
}

export interface Session {
  email: string;
  cookie: string;
  csrfToken: string;
}

export interface ScenarioContext {
  /** Results of the generated datasets, keyed by dataset name. */
  data: Record<string, unknown>;
  /** Present when the scenario asked to log in: send `cookie` (and `x-csrf-token` on writes). */
  session: Session | undefined;
  /** A seeded random source in [0, 1). */
  random(): number;
}

/** Figures a scenario must meet, per number of concurrent clients (issue targets). */
export interface Target {
  p95Ms?: number;
  minRps?: number;
  /** The largest answer (status line, headers and body as sent) may have at most this many bytes. */
  maxBytes?: number;
}

export interface Scenario {
  /** Short stable id: `area.what`, e.g. `users.search`. Used by `--scenario` and in results. */
  name: string;
  description: string;
  /** Datasets that must be generated for this scenario (`staff` is always there). */
  datasets: string[];
  /** Numbers of concurrent clients to measure with; default [1, 20]. */
  connections?: number[];
  /** Log in before measuring, as the e-mail this returns (password: the bench password). */
  loginAs?(ctx: Omit<ScenarioContext, 'session'>): string;
  /** The request(s) each client sends in turn. */
  requests(ctx: ScenarioContext): BenchRequest[];
  targets?: Record<number, Target>;
}

export interface Measurement {
  scenario: string;
  description: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Size of the successful answers as sent (status line, headers and body), in bytes. */
  bytes: { max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  target?: Target;
  targetMet?: boolean;
}
