// What the authorization matrices of the register areas (mentoring, volunteers) share: one signed-in
// user per actor (a role, a branch of the organisation or of another one), the outcome of a request
// as the matrix reads it, and the walk of a restricted account (a mentor, a volunteer) through every
// route of the server with every id it might try, collecting what leaked and what answered.
import type { HTTPMethods } from 'fastify';
import type { RoleCode } from '../../domain/access/permissions.js';
import { routeRegistry } from '../http/route.js';
import { buildUser, login, type Client, type TestApp, type TestOrganization } from './harness.js';

export interface MatrixActor {
  name: string;
  roles: readonly RoleCode[];
  /** The branch (of its organisation) the user works in: the first, the second or both. */
  branch: 0 | 1 | 'both';
  /** A user of the other organisation. */
  other?: true;
}

/** Makes and signs in one user per actor, into `clients` and `ids` by the actor's name. */
export async function signInActors(
  t: TestApp,
  orgs: { org: TestOrganization; other: TestOrganization },
  actors: readonly MatrixActor[],
  clients: Record<string, Client>,
  ids: Record<string, string>,
): Promise<void> {
  for (const a of actors) {
    const o = a.other ? orgs.other : orgs.org;
    const branches = a.branch === 'both' ? o.branchIds : [o.branchIds[a.branch]!];
    const user = await buildUser(t, o, [...a.roles], branches);
    ids[a.name] = user.id;
    clients[a.name] = await login(t, user.email);
  }
}

/** The handler ran (2xx, or a 400/409 from a rule that needs the data); 404: outside reach; 403: no permission. */
export const REACHED = 'reached' as const;
export type Outcome = typeof REACHED | 403 | 404;

/** How the matrix reads an answer: 403 and 404 as themselves, anything else below 500 as reached. */
export const outcomeOf = (status: number): Outcome | number =>
  status === 403 || status === 404 ? status : status < 500 ? REACHED : status;

/** The expected row: `reached` reach it, `notFound` get 404, everyone else 403. */
export function outcomes<N extends string>(names: readonly N[], reached: readonly N[], notFound: readonly N[] = []): Record<N, Outcome> {
  return Object.fromEntries(names.map((n) => [n, reached.includes(n) ? REACHED : notFound.includes(n) ? 404 : 403])) as Record<N, Outcome>;
}

/**
 * Sends `client` to every signed-in route of the server (log-in routes aside), each id parameter
 * filled with every one of `ids` in turn. Returns the answers that held one of `secrets`, and the
 * permission routes that answered 2xx.
 */
export async function walkEveryRoute(
  t: TestApp,
  client: Client,
  ids: readonly string[],
  secrets: readonly string[],
): Promise<{ leaks: string[]; opened: string[] }> {
  const specs = (routeRegistry.get(t.app) ?? []).filter((spec) => spec.access.kind !== 'public' && !spec.url.startsWith('/api/auth/'));
  const leaks: string[] = [];
  const opened: string[] = [];
  for (const spec of specs) {
    const hasId = /:(id|\w+Id)\b/.test(spec.url);
    for (const id of hasId ? ids : [null]) {
      const url = spec.url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' || name.endsWith('Id') ? id! : 'admin'));
      const res = await client.request(spec.method as HTTPMethods, url, spec.method === 'GET' ? undefined : {});
      const leaked = secrets.filter((secret) => secret && res.body.includes(secret));
      if (leaked.length > 0) leaks.push(`${spec.method} ${url} → ${res.statusCode}: ${leaked.join(', ')}`);
      if (res.statusCode < 300 && spec.access.kind === 'permission') opened.push(`${spec.method} ${spec.url}`);
    }
  }
  return { leaks, opened: [...new Set(opened)] };
}
