// The admin's view of backups (issue 17, point 6): the status (schedule, the backups kept, when the
// newest was made, a warning when it is too old) and "back up now". Backups are of the whole
// instance (one database serves every organisation on it), so these are the admin's
// (backup.manage); the files themselves never leave the server through the API.
import type { FastifyInstance } from 'fastify';
import { BackupStarted, BackupStatus } from '../../domain/backup/contracts.js';
import { writeAudit } from '../audit/audit.js';
import type { Deps } from '../http/context.js';
import { businessRule } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { BackupService, backupServiceOf } from './service.js';

const TAG = 'backup';

export const backupService = (deps: Deps) => backupServiceOf(deps, () => new BackupService(deps.engine, deps.config, deps.now));

/** Starts the schedule and the local control socket of a running server (main.ts). */
/** Starts the schedule and the backup socket; returns what stops them. Called after listen(), when
 *  Fastify takes no more hooks — so the caller stops it on shutdown, not an onClose hook. */
export async function startBackups(app: FastifyInstance, log: (line: string) => void): Promise<() => Promise<void>> {
  const service = backupService(app.deps);
  await service.start(log);
  return async () => service.stop();
}

export function registerBackupRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/backup/status',
    tag: TAG,
    summary: "The instance's backups: schedule, kept backups, the newest and whether it is too old",
    access: { kind: 'permission', permission: 'backup.manage', records: 'organization' },
    response: BackupStatus,
    handler: async ({ deps }) => backupService(deps).status(),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/backup/run',
    tag: TAG,
    summary: 'Make a backup now into the backup folder (runs after the answer; the status shows it)',
    access: { kind: 'permission', permission: 'backup.manage', records: 'organization' },
    response: BackupStarted,
    status: 202,
    handler: async ({ deps, tx, audit }) => {
      const service = backupService(deps);
      if (!service.settings().dir) throw businessRule('errors.backup_no_folder');
      await writeAudit(tx, audit, { action: 'create', recordType: 'backup' });
      return { started: true };
    },
    outside: {
      before: async () => undefined,
      // After the request's transaction: on PGlite the backup takes the database's one connection.
      succeeded: async ({ deps }) => {
        backupService(deps)
          .backup({ kind: 'manual' })
          .catch(() => undefined);
      },
    },
  });
}
