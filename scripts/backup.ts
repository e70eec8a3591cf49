// `npm run backup` and `npm run restore` (issue 17, point 6). See README "Backups".
//
//   npm run backup -- [--out FILE] [--encrypt]
//   npm run restore -- --from FILE (--data-dir NEW_FOLDER | --database-url postgres://…/NEW_DB) [--files-dir NEW_FOLDER]
//
// Attachments kept in S3 (HEARTH_S3_*) are fetched into the backup, and the restore puts them into the
// S3 store configured for the restoring process (the same bucket or a new one).
// The database is the server's (DATABASE_URL, else PGlite in HEARTH_DATA_DIR). On PGlite, when the
// server is running, the backup is made by the server (asked through its local socket, beside the
// data folder); when it is stopped, this process opens the folder itself. On PostgreSQL this process
// makes it (pg_dump of one snapshot). The passphrase (--encrypt, and to restore an encrypted backup)
// is read from HEARTH_BACKUP_PASSPHRASE or the file named by HEARTH_BACKUP_PASSPHRASE_FILE, never
// from the command line (where other users of the machine could read it).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { openEngine } from '../src/server/db/engine.js';
import { backupFileName, backupSettings, controlSocketPath } from '../src/server/backup/service.js';
import { makeBackup, restoreBackup, RestoreCheckError, type BackupResult } from '../src/server/backup/snapshot.js';

const USAGE = `Usage:
  npm run backup -- [--out FILE] [--encrypt]
  npm run restore -- --from FILE (--data-dir NEW_FOLDER | --database-url postgres://…/NEW_DATABASE) [--files-dir NEW_FOLDER]

The passphrase comes from HEARTH_BACKUP_PASSPHRASE or HEARTH_BACKUP_PASSPHRASE_FILE.
Without --out the backup goes to HEARTH_BACKUP_DIR (or ./backups) as hearth-YYYYMMDD-HHMMSS.hbk.`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function askServer(socketPath: string, body: unknown): Promise<BackupResult> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/backup', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => void (raw += chunk));
      res.on('end', () => {
        const answer = JSON.parse(raw || '{}') as BackupResult & { error?: string };
        if (res.statusCode === 200) resolve(answer);
        else reject(new Error(answer.error ?? `the server answered ${res.statusCode}`));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function backup(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, encrypt: { type: 'boolean' } }, strict: true });
  const config = loadConfig();
  const settings = backupSettings();
  if (values.encrypt && !settings.passphrase) throw new Error('--encrypt needs HEARTH_BACKUP_PASSPHRASE or HEARTH_BACKUP_PASSPHRASE_FILE');
  const passphrase = values.encrypt ? settings.passphrase : undefined;
  const out = path.resolve(values.out ?? path.join(settings.dir ?? 'backups', backupFileName(new Date())));
  if (fs.existsSync(out)) throw new Error(`${out} exists already`);
  let result: BackupResult;
  const socket = config.databaseUrl ? undefined : controlSocketPath(config.dataDir);
  if (socket && fs.existsSync(socket)) {
    console.log('Hearth is running: asking the server to make the backup…');
    result = await askServer(socket, { out, ...(passphrase && { passphrase }) });
  } else {
    const engine = await openEngine(config);
    try {
      // A PGlite folder's files (HEARTH_FILES_DIR unset) are inside the folder, so in its image.
      const filesDir =
        settings.filesDir && !(config.databaseUrl === undefined && settings.filesDir.startsWith(path.resolve(config.dataDir)))
          ? settings.filesDir
          : undefined;
      result = await makeBackup(engine, { out, passphrase, filesDir, databaseUrl: config.databaseUrl, s3: config.files.s3 });
    } finally {
      await engine.close();
    }
  }
  console.log(
    `Backup written: ${result.file} (${mb(result.size)}, ${result.header.engine}, migration ${result.header.migration}, ` +
      `${result.tables} tables, ${result.rows} rows, ${result.files} stored files, ${result.objects ?? 0} S3 objects` +
      `${result.header.encryption ? ', encrypted' : ''}) in ${result.seconds.toFixed(1)} s`,
  );
}

async function restore(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'files-dir': { type: 'string' },
    },
    strict: true,
  });
  if (!values.from) throw new Error('restore needs --from FILE');
  const passphrase = backupSettings().passphrase;
  // S3 objects in the backup go to the store this process is configured with (HEARTH_S3_*).
  const s3 = loadConfig().files.s3;
  const started = Date.now();
  const result = await restoreBackup({
    file: values.from,
    passphrase,
    ...(s3 && { s3 }),
    ...(values['data-dir'] && { dataDir: path.resolve(values['data-dir']) }),
    ...(values['database-url'] && { databaseUrl: values['database-url'] }),
    ...(values['files-dir'] && { filesDir: path.resolve(values['files-dir']) }),
  });
  console.log(
    `Restored and checked: ${result.tables} tables, ${result.rows} rows, ${result.files} stored files and ${result.objects} S3 objects ` +
      `match the backup of ${result.header.createdAt} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
  const where = values['data-dir'] ? `HEARTH_DATA_DIR=${path.resolve(values['data-dir'])}` : `DATABASE_URL=${values['database-url']}`;
  console.log(
    `Start Hearth on it with ${where}${values['files-dir'] ? ` HEARTH_FILES_DIR=${path.resolve(values['files-dir'])}` : ''} npm start`,
  );
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'backup') await backup(rest);
  else if (command === 'restore') await restore(rest);
  else {
    console.log(USAGE);
    process.exitCode = command === 'help' ? 0 : 2;
  }
} catch (error) {
  if (error instanceof RestoreCheckError) {
    console.error('hearth: the restore does NOT match the backup:');
    for (const line of error.differences) console.error(`  - ${line}`);
  } else console.error(`hearth: ${command ?? ''} failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
