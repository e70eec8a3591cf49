// The optional virus check (issue 16, rules): when the organisation turns it on, every upload is
// piped to ClamAV's scanner (HEARTH_CLAMAV_COMMAND, default `clamdscan --no-summary -`, Debian's
// `clamav-daemon`; `clamscan --no-summary -` works without the daemon, slowly) before anything is
// stored. Exit status 0: clean; 1: a virus; anything else, a missing scanner or a timeout: the
// check could not be made, and the upload is refused — never stored unchecked.
import { spawn } from 'node:child_process';

export type ScanResult = 'clean' | 'infected' | 'unavailable';

const TIMEOUT_MS = 60_000;

export function scanForViruses(command: string, content: Buffer): Promise<ScanResult> {
  const [program, ...args] = command.trim().split(/\s+/);
  if (!program) return Promise.resolve('unavailable');
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: ScanResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // No shell: the command is split on spaces and run as is; its output is never logged (it names the file's threat).
    const child = spawn(program, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done('unavailable');
    }, TIMEOUT_MS);
    child.on('error', () => done('unavailable'));
    child.on('close', (code) => done(code === 0 ? 'clean' : code === 1 ? 'infected' : 'unavailable'));
    child.stdin.on('error', () => undefined); // a scanner that exits before reading all is judged by its status
    child.stdin.end(content);
  });
}
