// `npm start` and the browser tests: builds the web app into dist/web only when it is missing or
// older than what it is built from (a vite build costs ≈8 s of CPU; starts that change nothing skip it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_INDEX = path.join(ROOT, 'dist/web/index.html');
/** The web app's sources: its own folder, the shared domain rules, and the build's configuration and dependencies. */
const SOURCES = ['src/web', 'src/domain', 'vite.config.ts', 'scripts/vite-web-plugin.ts', 'package-lock.json'];
/** What every build has since issue 19 (a dist/web of an earlier build lacks them). */
const OUTPUTS = ['sw.js', 'manifest.webmanifest', 'index.html.br'];

function newestMtime(file) {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return file.endsWith('.test.ts') || file.endsWith('.test.tsx') ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** Whether dist/web is at least as new as every source it is built from. */
export function webBuildIsCurrent() {
  if (!fs.existsSync(WEB_INDEX) || !OUTPUTS.every((name) => fs.existsSync(path.join(ROOT, 'dist/web', name)))) return false;
  const built = fs.statSync(WEB_INDEX).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(ROOT, source)) <= built);
}

const LOCK = path.join(ROOT, 'dist/.web-build.lock');

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the web app when it is not current. Several processes (a start, browser-test files) may ask
 * at once: one builds while the others wait for it (a lock folder), and the build goes to a folder of
 * its own that replaces dist/web whole, so nobody serves or compresses a half-emptied folder.
 */
export function ensureWebBuilt() {
  if (webBuildIsCurrent()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a build that died is taken over after five minutes.
      if (Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 300_000) fs.rmSync(LOCK, { recursive: true, force: true });
      sleep(500);
    }
  }
  try {
    if (webBuildIsCurrent()) return;
    const staging = path.join(ROOT, `dist/web.building-${process.pid}`);
    // NODE_ENV is "test" inside vitest, and Vite then builds React's development code with
    // import.meta.env.PROD false (no service worker): the app the tests drive must be the real one.
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', staging, '--emptyOutDir'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const old = path.join(ROOT, `dist/web.old-${process.pid}`);
    if (fs.existsSync(path.join(ROOT, 'dist/web'))) fs.renameSync(path.join(ROOT, 'dist/web'), old);
    fs.renameSync(staging, path.join(ROOT, 'dist/web'));
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureWebBuilt();
