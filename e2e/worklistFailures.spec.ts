/**
 * The worklist when part of the federation fails, each case behind a gateway of its own started on a variant of
 * the test bed's configuration: an archive that really stops, the identity service gone, a site that hangs.
 * The other site's results are always shown; the failing part says what happened.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoPixmPersons, startDemoPixm } from '../server/demo/pixm/startDemoPixm.ts';
import { requirePrerequisites } from '../scripts/testbed/prerequisites.ts';
import { loadInstances, startOrthanc } from '../scripts/testbed/startOrthanc.ts';
import { cgfl, chu, demoFilesOf, durand, singleIdentityKey } from './support/demoData.ts';
import { startHungServer } from './support/hungServer.ts';
import { observeTimings, readTimings, searchStartedAt } from './support/pageTimings.ts';
import { siteOf } from './support/variantConfig.ts';
import { expectDurandTimeline, groupSummaries, rowsOf, siteStatus, studyRow, worklistUrl } from './support/worklistPage.ts';
import { cleanupAfterEach } from './support/cleanupAfterEach.ts';
import { variantGateway } from './support/variantGateway.ts';

// A gateway of its own per test (npm start; it may rebuild the app first when the sources changed).
test.describe.configure({ timeout: 240_000 });

const cleanups = cleanupAfterEach();

const gatewayOn = (change: Parameters<typeof variantGateway>[1]) => variantGateway(cleanups, change);

const chuDurand = durand.studies.filter((study) => study.siteId === chu.id);
const cgflDurand = durand.studies.filter((study) => study.siteId === cgfl.id);

test('an archive that stops: chu results still show, cgfl says it failed, in words, with Retry', async ({ page }) => {
  const prerequisites = requirePrerequisites();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-spare-orthanc-'));
  cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const spare = await startOrthanc({ name: 'cgfl-spare', workDir, orthanc: prerequisites.orthanc, dicomwebPlugin: prerequisites.dicomwebPlugin });
  let spareStopped = false;
  cleanups.push(() => (spareStopped ? undefined : spare.stop()));
  await loadInstances(spare.httpUrl, demoFilesOf('cgfl'));
  const gateway = await gatewayOn((config) => {
    siteOf(config, cgfl.id).dicomweb = spare.dicomweb;
  });

  // While it runs, the spare archive serves the cgfl studies.
  await page.goto(worklistUrl(gateway.url, { patientName: 'durand' }));
  await expectDurandTimeline(page);
  await expect(siteStatus(page, cgfl.id)).toHaveAttribute('data-state', 'ok');

  await spare.stop();
  spareStopped = true;
  await page.reload();

  for (const study of chuDurand) await expect(studyRow(page, study.uid)).toBeVisible();
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  const status = siteStatus(page, cgfl.id);
  await expect(status).toHaveAttribute('data-state', /^(error|timeout)$/);
  await expect(status).toContainText(cgfl.name);
  await expect(status).toContainText(/unreachable|refused|ECONNREFUSED|ECONNRESET|HTTP 50\d|failed|error|did not answer|injoignable|erreur|échec/i);
  await expect(status.locator('button', { hasText: 'Retry' })).toBeVisible();
  await expect(page.locator(`[data-testid=study-row][data-site-id="${cgfl.id}"]`)).toHaveCount(0);
});

test('the identity service stopped: both sites show their studies, unlinked, and the UI says linking is unavailable', async ({ page }) => {
  const pixm = await startDemoPixm({ persons: demoPixmPersons() });
  let pixmClosed = false;
  cleanups.push(() => (pixmClosed ? undefined : pixm.close()));
  const gateway = await gatewayOn((config) => {
    config.identity = { pixm: pixm.url };
  });
  await pixm.close();
  pixmClosed = true;

  await page.goto(worklistUrl(gateway.url, { patientName: 'durand' }));
  await expect(page.locator('[data-testid=identity-status]')).toHaveAttribute('data-state', 'unavailable');
  const byKey = (a: { key: string | null }, b: { key: string | null }) => String(a.key).localeCompare(String(b.key));
  await expect
    .poll(async () => (await groupSummaries(page)).sort(byKey), { message: 'one unlinked group per site, never one group with both' })
    .toEqual(
      [
        { key: singleIdentityKey(chu, 'A100001'), linkState: 'unlinked-identity-unavailable', rows: rowsOf(chuDurand) },
        { key: singleIdentityKey(cgfl, 'B-778899'), linkState: 'unlinked-identity-unavailable', rows: rowsOf(cgflDurand) },
      ].sort(byKey),
    );
  await expect(page.locator('[data-testid=identity-banner]')).toBeVisible();
  await expect(page.locator('[data-testid=identity-banner]')).not.toBeEmpty();
  await expect(page.locator('[data-testid=identity-status]')).toHaveAttribute('data-state', 'unavailable');
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  await expect(siteStatus(page, cgfl.id)).toHaveAttribute('data-state', 'ok');
});

test('a hung site reads "timeout" after its 1.5 s deadline while the other site\'s results are already shown', async ({ page }) => {
  const hung = await startHungServer();
  cleanups.push(() => hung.close());
  const gateway = await gatewayOn((config) => {
    const site = siteOf(config, cgfl.id);
    site.dicomweb = `${hung.url}/dicom-web`;
    site.timeoutMs = 1500;
  });

  await observeTimings(page);
  await page.goto(worklistUrl(gateway.url, { patientName: 'durand' }));
  const status = siteStatus(page, cgfl.id);
  await expect(status).toHaveAttribute('data-state', 'timeout', { timeout: 10_000 });
  for (const study of chuDurand) await expect(studyRow(page, study.uid)).toBeVisible();
  await expect(status.locator('button', { hasText: 'Retry' })).toBeVisible();
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  expect(hung.connections()).toBeGreaterThan(0);

  const timings = await readTimings(page);
  const started = searchStartedAt(timings) ?? timings.sites[cgfl.id]?.loadingAt;
  const cgflTerminal = timings.sites[cgfl.id]?.terminalAt;
  const chuFirstRow = timings.sites[chu.id]?.firstRowAt;
  expect(started, 'when the search was sent').toBeDefined();
  expect(cgflTerminal, 'when the hung site first read a terminal state').toBeDefined();
  expect(chuFirstRow, 'when the first chu study appeared').toBeDefined();
  if (started === undefined || cgflTerminal === undefined || chuFirstRow === undefined) return;
  expect(timings.sites[cgfl.id]?.terminalState).toBe('timeout');
  const waited = cgflTerminal - started;
  expect(waited, `the hung site's status turned to timeout ${Math.round(waited)} ms after the search`).toBeGreaterThanOrEqual(1400);
  expect(waited, `the hung site's status turned to timeout ${Math.round(waited)} ms after the search`).toBeLessThanOrEqual(4000);
  expect(chuFirstRow, 'chu results were on screen before the hung site gave up').toBeLessThan(cgflTerminal);
});
