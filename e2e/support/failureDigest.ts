/**
 * A Playwright reporter that writes, for each failed test, its title, place and the first lines of its error to
 * `test-results/failures.txt`. `npm test` prints that file after its summary, so that the last lines of a long run
 * (all a CI log may keep) still say what failed and why.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export const FAILURE_DIGEST_FILE = 'test-results/failures.txt';
const LINES_PER_ERROR = 8;

// eslint-disable-next-line no-control-regex
const stripColours = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** An error may quote a URL or header with a token or password in it: the digest says one was there, never its value. */
const withoutSecrets = (text: string) =>
  text
    .replace(/([?&][\w-]*(?:token|secret|password|code)[\w-]*=)[^&\s"']+/gi, '$1[present]')
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/g, '$1 [present]');

export default class FailureDigest implements Reporter {
  private readonly failures: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'passed' || result.status === 'skipped' || result.status === test.expectedStatus) return;
    const place = `${test.location.file.split('/').slice(-2).join('/')}:${test.location.line}`;
    const errors = result.errors.map((error) =>
      withoutSecrets(stripColours(error.message ?? error.value ?? 'unknown error'))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(0, LINES_PER_ERROR)
        .map((line) => `    ${line}`)
        .join('\n'),
    );
    this.failures.push(`- ${test.titlePath().filter((part) => part !== '').join(' › ')} (${place}, ${result.status}, ${Math.round(result.duration / 1000)} s)\n${errors.join('\n')}`);
  }

  onEnd(): void {
    if (this.failures.length === 0) return;
    mkdirSync(dirname(FAILURE_DIGEST_FILE), { recursive: true });
    writeFileSync(FAILURE_DIGEST_FILE, `${this.failures.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
