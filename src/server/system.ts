// Health check: is the process up and the database answering, and at which migration.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { system } from './db/gateway.js';
import { defineRoute } from './http/route.js';

export const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), migration: z.number() });

export function registerSystemRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    tag: 'system',
    summary: 'Liveness and database status',
    access: { kind: 'public' },
    response: Health,
    handler: async ({ deps }) => {
      const result = await system(deps.engine, (tx) =>
        tx.execute<{ v: number }>(sql`select coalesce(max(version), 0)::int as v from schema_migrations`),
      );
      return { status: 'ok' as const, database: deps.engine.kind, migration: Number(result.rows[0]?.v ?? 0) };
    },
  });
}
