// The server's side of backups: the instance's settings (environment variables, since one database
// serves every organisation of an instance), the daily scheduled backup with rotation, the status
// the admin reads, and the local control socket through which `npm run backup` asks a running
// PGlite server for a backup (PGlite is one process's database: nobody else may open its folder).
//
// The socket is a Unix socket beside the data folder with mode 0600: only the operating-system
// user that runs Hearth (who can read the data folder anyway) can use it. It answers one request,
// POST /backup, and never logs what it is sent (the passphrase travels in it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Engine } from '../db/engine.js';
import { readHeader } from './archive.js';
import { backupsToKeep } from './rotation.js';
import { makeBackup, type BackupResult } from './snapshot.js';

export interface BackupSettings {
  /** Folder of the scheduled backups; unset: no schedule. */
  dir: string | undefined;
  /** Daily time of the scheduled backup, HH:MM in the server's local time. */
  at: string;
  keepDaily: number;
  keepWeekly: number;
  /** The admin is warned when the newest backup is older than this. */
  maxAgeHours: number;
  passphrase: string | undefined;
  /** Folder of the stored files (attachments) included in every backup. */
  filesDir: string | undefined;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 1000): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new Error(`${name} must be a whole number from 0 to ${max}, got "${raw}"`);
  return value;
}

export function backupSettings(env: NodeJS.ProcessEnv = process.env): BackupSettings {
  const at = env.HEARTH_BACKUP_AT || '02:30';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new Error(`HEARTH_BACKUP_AT must be HH:MM, got "${at}"`);
  let passphrase = env.HEARTH_BACKUP_PASSPHRASE || undefined;
  if (env.HEARTH_BACKUP_PASSPHRASE_FILE) passphrase = fs.readFileSync(env.HEARTH_BACKUP_PASSPHRASE_FILE, 'utf8').replace(/\r?\n$/, '');
  return {
    dir: env.HEARTH_BACKUP_DIR ? path.resolve(env.HEARTH_BACKUP_DIR) : undefined,
    at,
    keepDaily: positive(env, 'HEARTH_BACKUP_KEEP_DAILY', 7),
    keepWeekly: positive(env, 'HEARTH_BACKUP_KEEP_WEEKLY', 4),
    maxAgeHours: positive(env, 'HEARTH_BACKUP_MAX_AGE_HOURS', 26, 24 * 365) || 26,
    passphrase,
    filesDir: env.HEARTH_FILES_DIR ? path.resolve(env.HEARTH_FILES_DIR) : undefined,
  };
}

export interface BackupListed {
  name: string;
  createdAt: string;
  size: number;
  encrypted: boolean;
}

const NAME = /^hearth-\d{8}-\d{6}(-[a-z]+)?\.hbk$/;

/** A new backup's file name in `dir`, from its time (UTC). */
export function backupFileName(now: Date, kind = ''): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `hearth-${stamp}${kind ? `-${kind}` : ''}.hbk`;
}

/** The backups in a folder, newest first (files that are not whole backups are left out). */
export function listBackups(dir: string | undefined): BackupListed[] {
  if (!dir || !fs.existsSync(dir)) return [];
  const found: BackupListed[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!NAME.test(name)) continue;
    try {
      const { header, size } = readHeader(path.join(dir, name));
      found.push({ name, createdAt: header.createdAt, size, encrypted: header.encryption !== null });
    } catch {
      // Not a backup (or damaged): not listed, and never counted as the last backup.
    }
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The socket a running PGlite server answers `npm run backup` on. */
export function controlSocketPath(dataDir: string): string {
  const beside = `${path.resolve(dataDir)}.backup.sock`;
  // A Unix socket path is limited to about 100 bytes.
  return beside.length < 100
    ? beside
    : path.join(os.tmpdir(), `hearth-${crypto.createHash('sha1').update(beside).digest('hex').slice(0, 16)}.sock`);
}

export interface BackupStatus {
  scheduled: boolean;
  at: string | null;
  keepDaily: number;
  keepWeekly: number;
  maxAgeHours: number;
  encrypted: boolean;
  filesIncluded: boolean;
  running: boolean;
  lastBackupAt: string | null;
  tooOld: boolean;
  lastFailedAt: string | null;
  backups: BackupListed[];
}

export class BackupService {
  private running: Promise<BackupResult> | null = null;
  private lastFailedAt: string | null = null;
  private lastSucceededAt: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private socket: http.Server | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly config: Pick<Config, 'databaseUrl' | 'dataDir' | 'files'>,
    private readonly now: () => Date,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  settings(): BackupSettings {
    return backupSettings(this.env);
  }

  status(): BackupStatus {
    const settings = this.settings();
    const backups = listBackups(settings.dir);
    const newest =
      [backups[0]?.createdAt, this.lastSucceededAt]
        .filter((v): v is string => !!v)
        .sort()
        .at(-1) ?? null;
    const tooOld = newest === null || this.now().getTime() - new Date(newest).getTime() > settings.maxAgeHours * 3_600_000;
    return {
      scheduled: settings.dir !== undefined,
      at: settings.dir ? settings.at : null,
      keepDaily: settings.keepDaily,
      keepWeekly: settings.keepWeekly,
      maxAgeHours: settings.maxAgeHours,
      encrypted: settings.passphrase !== undefined,
      filesIncluded: settings.filesDir !== undefined,
      running: this.running !== null,
      lastBackupAt: newest,
      tooOld,
      lastFailedAt: this.lastFailedAt,
      backups,
    };
  }

  /** Makes one backup (one at a time: a second call joins the running one). */
  backup(options: { out?: string; passphrase?: string; kind?: string } = {}): Promise<BackupResult> {
    if (this.running) return this.running;
    const settings = this.settings();
    const out = options.out ?? (settings.dir ? path.join(settings.dir, backupFileName(this.now(), options.kind)) : undefined);
    if (!out) return Promise.reject(new Error('no backup folder: set HEARTH_BACKUP_DIR or give --out'));
    const run = makeBackup(this.engine, {
      out,
      passphrase: options.passphrase ?? settings.passphrase,
      filesDir: this.filesDir(settings),
      databaseUrl: this.config.databaseUrl,
      ...(this.config.files.s3 && { s3: this.config.files.s3 }),
      now: this.now,
    });
    this.running = run
      .then((result) => {
        this.lastSucceededAt = result.header.createdAt;
        if (settings.dir && path.dirname(result.file) === settings.dir) this.rotate(settings);
        return result;
      })
      .catch((error: unknown) => {
        this.lastFailedAt = this.now().toISOString();
        throw error;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** The stored files' folder to include: a PGlite folder's own `files` are in its image already. */
  private filesDir(settings: BackupSettings): string | undefined {
    if (!settings.filesDir) return undefined;
    if (this.engine.kind === 'pglite' && settings.filesDir.startsWith(path.resolve(this.config.dataDir) + path.sep)) return undefined;
    return settings.filesDir;
  }

  private rotate(settings: BackupSettings): void {
    const backups = listBackups(settings.dir);
    const keep = backupsToKeep(backups, settings.keepDaily, settings.keepWeekly);
    for (const b of backups) if (!keep.has(b.name)) fs.rmSync(path.join(settings.dir!, b.name), { force: true });
  }

  /** Is the scheduled backup of today due (its time passed and no backup since)? */
  due(): boolean {
    const settings = this.settings();
    if (!settings.dir || this.running) return false;
    const now = this.now();
    const [hours, minutes] = settings.at.split(':').map(Number) as [number, number];
    const slot = new Date(now);
    slot.setHours(hours, minutes, 0, 0);
    if (now < slot) return false;
    const newest = listBackups(settings.dir)[0]?.createdAt;
    return !newest || new Date(newest) < slot;
  }

  /** Starts the schedule (checked every minute) and, on PGlite, the control socket. */
  async start(log: (line: string) => void = () => undefined): Promise<void> {
    const settings = this.settings();
    if (settings.dir) {
      fs.mkdirSync(settings.dir, { recursive: true, mode: 0o700 });
      const tick = () => {
        if (!this.due()) return;
        this.backup({ kind: 'auto' }).then(
          (result) => log(`Backup made: ${path.basename(result.file)} (${result.seconds.toFixed(1)} s)`),
          (error: unknown) => log(`Scheduled backup failed: ${(error as Error).name}`),
        );
      };
      this.timer = setInterval(tick, 60_000);
      this.timer.unref();
      tick();
    }
    if (this.engine.kind === 'pglite' && !this.config.dataDir.startsWith('memory://'))
      await this.listen(controlSocketPath(this.config.dataDir));
  }

  private async listen(socketPath: string): Promise<void> {
    fs.rmSync(socketPath, { force: true });
    const server = http.createServer((req, res) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/backup') return answer(404, { error: 'not found' });
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => void (raw.length < 100_000 ? (raw += chunk) : req.destroy()));
      req.on('end', () => {
        let body: { out?: unknown; passphrase?: unknown };
        try {
          body = JSON.parse(raw || '{}') as typeof body;
        } catch {
          return answer(400, { error: 'bad JSON' });
        }
        const out = typeof body.out === 'string' && body.out !== '' ? path.resolve(body.out) : undefined;
        const passphrase = typeof body.passphrase === 'string' && body.passphrase !== '' ? body.passphrase : undefined;
        this.backup({ ...(out && { out }), ...(passphrase && { passphrase }) }).then(
          (result) => answer(200, result),
          (error: unknown) => answer(500, { error: (error as Error).message }),
        );
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    fs.chmodSync(socketPath, 0o600);
    server.unref();
    this.socket = server;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.socket) {
      const address = this.socket.address();
      await new Promise<void>((resolve) => this.socket!.close(() => resolve()));
      if (typeof address === 'string') fs.rmSync(address, { force: true });
      this.socket = null;
    }
    await this.running?.catch(() => undefined);
  }
}

const services = new WeakMap<object, BackupService>();

/** The one backup service of an app (its engine and configuration). */
export function backupServiceOf(key: object, create: () => BackupService): BackupService {
  let service = services.get(key);
  if (!service) services.set(key, (service = create()));
  return service;
}
