// Run by `npm install` (postinstall): initialises PGlite's empty cluster once for the installed
// PGlite, so the first `npm start` copies it instead of running initdb (src/server/db/pglite-data-dir.ts).
// Never fails the install: without a template, a new data folder runs initdb itself.
import { ensureTemplate } from '../src/server/db/pglite-data-dir.js';

try {
  const started = performance.now();
  const dir = await ensureTemplate();
  if (dir) console.log(`PGlite template ready in ${dir} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  else console.log('PGlite template not written (read-only install): the first start will initialise the database itself.');
} catch (error) {
  console.warn(`PGlite template not built (${(error as Error).message}): the first start will initialise the database itself.`);
}
