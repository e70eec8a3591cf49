// `npm start`: open (or create) the database, migrate, seed the demo organisation on first start,
// and serve the API and the web app from one process.
import { loadConfig } from './config.js';
import { errorLine } from './http/error-log.js';
import { buildApp } from './http/app.js';
import { startBackups } from './backup/routes.js';
import type { Engine } from './db/engine.js';
import { checkProductionSafety, openDatabase } from './start.js';
import { DEMO_DOMAIN, isEmpty, seedDemo } from './seed/demo.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const withDemo = !config.production && config.demo;
  let demoCreated = false;
  const seed = async (engine: Engine) => {
    if (!withDemo || !(await isEmpty(engine))) return;
    await seedDemo(engine, config.demoPassword);
    demoCreated = true;
  };
  // A new PGlite folder gets the demo before it appears (seeded inside its creation); an existing
  // empty database (PostgreSQL, or a folder made with HEARTH_DEMO=off) gets it here.
  const { engine, migration } = await openDatabase(config, seed);

  if (config.production) await checkProductionSafety(engine, config);
  else await seed(engine);
  if (demoCreated) {
    console.log(
      `Demo organisation created. Log in as admin@${DEMO_DOMAIN} (or coordinator@, case_worker@, …) with password: ${config.demoPassword}`,
    );
  }

  const app = await buildApp({ engine, config, now: () => new Date() });
  await app.listen({ host: config.host, port: config.port });
  // Scheduled backups (HEARTH_BACKUP_DIR) and, on PGlite, the socket `npm run backup` asks.
  const stopBackups = await startBackups(app, (line) => console.log(line));
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  console.log(`Hearth is running at http://${config.host}:${config.port} (database: ${where}, migration ${migration})`);
  if (!config.production && config.demo) console.log(`Demo log-in: admin@${DEMO_DOMAIN} / ${config.demoPassword}`);

  const stop = async () => {
    await stopBackups();
    await app.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  // A failed start-up statement's message may quote its values: the database's errors by class and code.
  console.error(errorLine(error));
  process.exit(1);
});
