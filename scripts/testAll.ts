/**
 * `npm test`: every test — types, lint, unit (Vitest), end-to-end (Playwright in Debian's Chromium against real
 * Orthanc archives). Stops at once, with the install command, when Chromium or Orthanc is missing: nothing is
 * skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { FAILURE_DIGEST_FILE } from '../e2e/support/failureDigest.ts';
import { INSTALL_COMMAND, locatePrerequisites } from './testbed/prerequisites.ts';

const located = locatePrerequisites();
if ('missing' in located) {
  console.error(`\nnpm test needs real parts that are not installed:\n${located.missing.map((line) => `  - ${line}`).join('\n')}`);
  console.error(`Install them with:\n  ${INSTALL_COMMAND}\n`);
  process.exit(1);
}

const steps: { name: string; command: string; args: string[] }[] = [
  { name: 'types', command: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'types (server, scripts, tests)', command: 'npx', args: ['tsc', '-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'lint', command: 'npx', args: ['eslint', '.', '--max-warnings', '0'] },
  { name: 'unit', command: 'npx', args: ['vitest', 'run'] },
  { name: 'end-to-end', command: 'npx', args: ['playwright', 'test'] },
];

// A digest left by an earlier run must not be taken for this one's.
rmSync(FAILURE_DIGEST_FILE, { force: true });

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command} ${step.args.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
  if (run.status !== 0) break;
}

console.log('\n=== summary');
for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name} (${result.seconds.toFixed(1)} s)`);
if (existsSync(FAILURE_DIGEST_FILE)) console.log(`\n=== failed end-to-end tests\n${readFileSync(FAILURE_DIGEST_FILE, 'utf8')}`);
const failed = results.some((result) => !result.ok) || results.length < steps.length;
process.exit(failed ? 1 : 0);
