// What the server knows about the caller of a request, attached by the auth hook.
import type { Permission, RoleCode } from '../../domain/access/permissions.js';
import type { Language } from '../../domain/i18n/index.js';
import type { Config } from '../config.js';
import type { Engine } from '../db/engine.js';

export interface Actor {
  userId: string;
  orgId: string;
  sessionId: string;
  csrfToken: string;
  roles: RoleCode[];
  permissions: Set<Permission>;
  branchIds: string[];
  /** The session still owes a second factor or its enrolment: only the auth routes are open. */
  pending: 'totp' | 'totp_enrolment' | null;
}

export interface Deps {
  engine: Engine;
  config: Config;
  /** Injected so tests can move time (session expiry, lockout, TOTP steps). */
  now: () => Date;
  /** Where the log goes instead of standard output: tests read what an error leaves in it. */
  logStream?: { write(line: string): void };
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Language;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}
