// Command-line administration of a Hearth database (the same one the server uses, chosen by
// DATABASE_URL or HEARTH_DATA_DIR): apply migrations, create an organisation with its first admin
// (how a production instance is set up, without demo data), VACUUM ANALYZE after bulk loads
// (PGlite has no autovacuum) and a sweep of the files folder and the S3 store for bytes no record points to. With PGlite, stop the server first: its data folder has one user.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { email as emailSchema, password as passwordSchema, text } from '../domain/validation.js';
import { createOrganization, createUser } from './access/organizations.js';
import { auditCodes, writeAudit, type AuditContext } from './audit/audit.js';
import { errorLine } from './http/error-log.js';
import { loadConfig, DEFAULT_DEMO_PASSWORD } from './config.js';
import type { Engine } from './db/engine.js';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from './db/errors.js';
import { system } from './db/gateway.js';
import { sweepFolderStore, sweepS3Store } from './files/sweep.js';
import { DEMO_DOMAIN } from './seed/demo.js';
import { openDatabase } from './start.js';

const USAGE = `Usage: npm run migrate
       npx tsx src/server/cli.ts <command> [options]

Commands:
  migrate                          apply pending migrations and print the version
  create-org --name NAME --admin-email EMAIL [--admin-name "Surname Name Patronymic"]
                                   create an organisation with its built-in roles and a first admin;
                                   the admin's password is read from HEARTH_ADMIN_PASSWORD (10+ characters)
  vacuum                           VACUUM ANALYZE the database (after bulk loads; PGlite has no autovacuum)
  sweep-files                      delete files of the folder and S3 stores that no record points to (older than an hour)
  help                             show this text

The database is the server's: DATABASE_URL=postgres://… for PostgreSQL, else PGlite in
HEARTH_DATA_DIR (default ./data). Stop the server before using the CLI on a PGlite folder.`;

/** A mistake of the person at the keyboard: printed as is, with no stack trace. */
export class UsageError extends Error {}

export const OrganizationSetup = z.object({
  name: text(200),
  adminEmail: emailSchema,
  adminPassword: passwordSchema,
  adminLastName: text(100),
  adminFirstName: text(100),
  adminMiddleName: z.string().trim().max(100).default(''),
});
export type OrganizationSetup = z.input<typeof OrganizationSetup>;

const CLI_AUDIT: Omit<AuditContext, 'orgId'> = { userId: null, ip: '', requestId: 'cli' };

/** Validates an organisation setup; a problem is a UsageError naming the option to fix. */
export function checkSetup(input: OrganizationSetup): z.output<typeof OrganizationSetup> {
  const parsed = OrganizationSetup.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'input');
    const hint =
      field === 'adminPassword'
        ? 'HEARTH_ADMIN_PASSWORD must be 10 to 200 characters'
        : field === 'adminEmail'
          ? '--admin-email must be a valid e-mail address'
          : `${field}: ${issue.message}`;
    throw new UsageError(hint);
  }
  const setup = parsed.data;
  if (setup.adminEmail.endsWith(`@${DEMO_DOMAIN}`)) throw new UsageError(`--admin-email: @${DEMO_DOMAIN} addresses are for the demo only`);
  if (setup.adminPassword === DEFAULT_DEMO_PASSWORD) throw new UsageError('HEARTH_ADMIN_PASSWORD is the published demo password');
  return setup;
}

/**
 * Creates an organisation, its built-in roles and a first admin in one transaction, audited as done
 * from the command line. Refuses demo addresses and the published demo password.
 */
export async function createOrganizationWithAdmin(engine: Engine, input: OrganizationSetup): Promise<{ orgId: string; userId: string }> {
  const setup = checkSetup(input);
  try {
    return await system(engine, async (tx) => {
      const orgId = await createOrganization(tx, setup.name);
      const userId = await createUser(tx, orgId, {
        email: setup.adminEmail,
        lastName: setup.adminLastName,
        firstName: setup.adminFirstName,
        middleName: setup.adminMiddleName,
        password: setup.adminPassword,
        roles: ['admin'],
      });
      const audit = { ...CLI_AUDIT, orgId };
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'organization',
        recordId: orgId,
        details: { fields: auditCodes(['name']) },
      });
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'user',
        recordId: userId,
        details: { fields: auditCodes(['email', 'roles']), roles: auditCodes(['admin']) },
      });
      return { orgId, userId };
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'users_email_key') {
      throw new UsageError(`a user with the e-mail ${setup.adminEmail} already exists`);
    }
    throw error;
  }
}

/** Splits "Surname Name Patronymic" (Russian order); a missing first name falls back to the e-mail's local part. */
export function splitFullName(
  fullName: string | undefined,
  adminEmail: string,
): { lastName: string; firstName: string; middleName: string } {
  const parts = (fullName ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { lastName: 'Администратор', firstName: adminEmail.split('@')[0] || 'admin', middleName: '' };
  if (parts.length === 1) return { lastName: parts[0]!, firstName: adminEmail.split('@')[0] || 'admin', middleName: '' };
  return { lastName: parts[0]!, firstName: parts[1]!, middleName: parts.slice(2).join(' ') };
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

async function withDatabase<T>(env: NodeJS.ProcessEnv, work: (engine: Engine, migration: number) => Promise<T>): Promise<T> {
  const { engine, migration } = await openDatabase(loadConfig(env));
  try {
    return await work(engine, migration);
  } finally {
    await engine.close();
  }
}

/** Runs one command; returns the process exit code (0 ok, 1 failure, 2 bad usage). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'migrate': {
        parse(rest, {});
        await withDatabase(env, async (engine, migration) => {
          io.out(`Database (${engine.kind}) is at migration ${migration}.`);
        });
        return 0;
      }
      case 'create-org': {
        const values = parse(rest, {
          name: { type: 'string' },
          'admin-email': { type: 'string' },
          'admin-name': { type: 'string' },
        });
        const name = values.name as string | undefined;
        const adminEmail = values['admin-email'] as string | undefined;
        if (!name) throw new UsageError('create-org needs --name "Organisation name"');
        if (!adminEmail) throw new UsageError('create-org needs --admin-email EMAIL');
        const adminPassword = env.HEARTH_ADMIN_PASSWORD;
        if (!adminPassword) throw new UsageError('set HEARTH_ADMIN_PASSWORD (10+ characters) to the first admin’s password');
        const names = splitFullName(values['admin-name'] as string | undefined, adminEmail);
        // Checked before the database is opened, so a typo is reported at once.
        const setup = checkSetup({
          name,
          adminEmail,
          adminPassword,
          adminLastName: names.lastName,
          adminFirstName: names.firstName,
          adminMiddleName: names.middleName,
        });
        const created = await withDatabase(env, (engine) => createOrganizationWithAdmin(engine, setup));
        io.out(`Organisation "${setup.name}" created (id ${created.orgId}).`);
        io.out(`Its admin ${setup.adminEmail} can log in with the password from HEARTH_ADMIN_PASSWORD.`);
        return 0;
      }
      case 'vacuum': {
        parse(rest, {});
        await withDatabase(env, async (engine) => {
          const started = Date.now();
          await engine.exec('vacuum analyze');
          const result = await system(engine, (tx) =>
            tx.execute<{ size: string }>(sql`select pg_size_pretty(pg_database_size(current_database())) as size`),
          );
          io.out(
            `VACUUM ANALYZE done in ${((Date.now() - started) / 1000).toFixed(1)} s (${engine.kind}, ${result.rows[0]?.size ?? '?'}).`,
          );
        });
        return 0;
      }
      case 'sweep-files': {
        parse(rest, {});
        const config = loadConfig(env);
        await withDatabase(env, async (engine) => {
          const deps = { engine, config, now: () => new Date() };
          const { checked, deleted } = await sweepFolderStore(deps);
          io.out(`Files folder swept: ${checked} files older than an hour looked at, ${deleted} without a record deleted.`);
          if (config.files.s3) {
            const s3 = await sweepS3Store(deps);
            io.out(`S3 store swept: ${s3.checked} objects older than an hour looked at, ${s3.deleted} without a record deleted.`);
          }
        });
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`hearth: ${error.message}`);
      io.err('Run "npx tsx src/server/cli.ts help" for the commands and options.');
      return 2;
    }
    // `setup` writes an admin's e-mail and password hash: a failed statement is told by class and code.
    io.err(`hearth: ${command ?? ''} failed: ${errorLine(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
