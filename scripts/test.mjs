// `npm test`: builds the web app (the browser tests use it), runs every test project once, and ends
// with one plain summary line ("N passed, N failed") that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env });

const build = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const report = path.join(os.tmpdir(), `hearth-vitest-${process.pid}.json`);
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const tests = run('npx', args);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  // A suite that failed without a failing test (e.g. its setup threw) counts once; suites whose
  // tests failed are already counted by their tests.
  const brokenSuites = (result.testResults ?? []).filter(
    (suite) => suite.status === 'failed' && !(suite.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  failed = result.numFailedTests + brokenSuites;
  skipped = result.numPendingTests + result.numTodoTests;
  fs.rmSync(report);
} catch {
  failed = Math.max(failed, 1);
}
if (tests.status !== 0 && failed === 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || tests.status !== 0 ? 1 : 0);
