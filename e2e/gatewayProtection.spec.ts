/**
 * The gateway's protection of the archives, against real Orthanc archives, each case behind a gateway of its own
 * and a counting relay in front of the archive (what the archive sees of Passerelle): an archive killed in the
 * middle of a series load is marked down and the page says so while the other site keeps showing its images; nine
 * viewports opened at once never put more requests in flight at the archive than the configured bound.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { requirePrerequisites } from '../scripts/testbed/prerequisites.ts';
import { loadInstances, startOrthanc } from '../scripts/testbed/startOrthanc.ts';
import { startArchiveGate, type ArchiveGate } from './support/archiveGate.ts';
import { cleanupAfterEach } from './support/cleanupAfterEach.ts';
import { variantGateway } from './support/variantGateway.ts';
import { cgfl, chu, demoFilesOf, demoStudy, durand } from './support/demoData.ts';
import { testbedInfo } from './support/testbedInfo.ts';
import { siteOf } from './support/variantConfig.ts';
import { expectPicture } from './support/viewerCanvas.ts';

// A gateway of its own per test (npm start; it may rebuild the app first when the sources changed).
test.describe.configure({ timeout: 240_000 });

const cleanups = cleanupAfterEach();

const gatewayOn = (change: Parameters<typeof variantGateway>[1]) => variantGateway(cleanups, change);

async function gateInFront(archiveUrl: string): Promise<ArchiveGate> {
  const gate = await startArchiveGate(archiveUrl);
  cleanups.push(() => gate.close());
  return gate;
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const viewport = (page: Page, index: number): Locator => page.locator(`[data-testid=viewport][data-viewport-index="${index}"]`);
const reachability = (page: Page, siteId: string): Locator => page.locator(`[data-testid=site-reachability][data-site-id="${siteId}"]`);

test('an archive killed in the middle of a series load: its viewport names the site, which reads down, and the other site keeps showing its images', async ({ page }) => {
  const prerequisites = requirePrerequisites();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-killed-orthanc-'));
  cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const doomed = await startOrthanc({ name: 'cgfl-doomed', workDir, orthanc: prerequisites.orthanc, dicomwebPlugin: prerequisites.dicomwebPlugin });
  cleanups.push(() => doomed.stop());
  await loadInstances(doomed.httpUrl, demoFilesOf('cgfl'));
  const gate = await gateInFront(doomed.httpUrl);
  // The prior's first frame goes through; the rest of its series waits at the relay, in flight, for the kill.
  gate.holdWhere(/\/frames\//, 1);
  const gateway = await gatewayOn((config) => {
    const site = siteOf(config, cgfl.id);
    site.dicomweb = `${gate.url}/dicom-web`;
    site.timeoutMs = 30_000;
    // A back-off longer than the test: the site stays marked down throughout, whatever the machine's pace.
    site.circuitBreaker = { failureThreshold: 3, initialBackoffMs: 120_000, maxBackoffMs: 120_000 };
  });
  const pageErrors = collectPageErrors(page);

  const current = demoStudy('chu/A100001/ct-thorax-2026-11-18');
  const prior = durand.cgflTap;
  await page.goto(`${gateway.url}/viewer/${current.siteId}/${current.uid}`);
  const left = viewport(page, 0);
  const right = viewport(page, 1);
  await expect(right).toHaveAttribute('data-study-uid', prior.uid, { timeout: 60_000 });
  await expect(right).toHaveAttribute('data-site-id', cgfl.id);
  await expect(left).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(right).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expectPicture(right);
  await expect(reachability(page, cgfl.id)).toHaveAttribute('data-state', 'ok');
  // The series load is under way: several of its frames are in flight when the archive dies.
  await expect.poll(() => gate.held().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

  doomed.process.kill('SIGKILL');
  await expect.poll(() => doomed.process.exitCode !== null || doomed.process.signalCode !== null).toBe(true);
  gate.holdWhere(undefined);
  gate.releaseAll();

  // The reader goes on through the prior, to the end of the series away from the one slice shown: the slice cannot
  // come, and the viewport says which site failed.
  const shown = Number(await right.getAttribute('data-image-index'));
  const count = Number(await right.getAttribute('data-image-count'));
  const towardsEnd = shown < count / 2;
  await right.click();
  await page.keyboard.press(towardsEnd ? 'End' : 'Home');
  await expect(right).toHaveAttribute('data-image-index', String(towardsEnd ? count - 1 : 0));
  await expect(right).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
  const reason = right.getByTestId('viewport-error');
  await expect(reason).toContainText(cgfl.name);
  await expect(reason).toContainText(/is marked down after repeated failures|cannot be reached/);

  const badge = reachability(page, cgfl.id);
  await expect(badge).toHaveAttribute('data-down', 'true', { timeout: 30_000 });
  await expect(badge).toHaveAttribute('data-state', 'error');
  await expect(badge).toContainText('down');
  await expect(badge).toContainText(`${cgfl.name} is marked down after repeated failures`);

  // Marked down, the site is answered by the gateway at once: nothing more reaches its address.
  const reachedBefore = gate.received();
  await page.keyboard.press(towardsEnd ? 'ArrowUp' : 'ArrowDown');
  await expect(right).toHaveAttribute('data-image-index', String(towardsEnd ? count - 2 : 1));
  await expect(right).toHaveAttribute('data-state', 'error');
  await expect(reason).toContainText(`${cgfl.name} is marked down after repeated failures`);
  expect(gate.received()).toBe(reachedBefore);

  // The other site keeps working: its viewport scrolls to images it had not shown, and its badge reads reachable.
  const leftCount = Number(await left.getAttribute('data-image-count'));
  const leftTowardsEnd = Number(await left.getAttribute('data-image-index')) < leftCount / 2;
  await left.click();
  await page.keyboard.press(leftTowardsEnd ? 'End' : 'Home');
  await expect(left).toHaveAttribute('data-image-index', String(leftTowardsEnd ? leftCount - 1 : 0));
  await expect(left).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expectPicture(left);
  await expect(reachability(page, chu.id)).toHaveAttribute('data-state', 'ok');
  expect(pageErrors).toEqual([]);
});

test('nine viewports at once never put more than the configured four requests in flight at the archive, and all show their images', async ({ page }) => {
  const archive = testbedInfo().sites.find((site) => site.id === chu.id);
  if (!archive) throw new Error(`no ${chu.id} archive in the test bed`);
  const gate = await gateInFront(new URL(archive.dicomweb).origin);
  const gateway = await gatewayOn((config) => {
    const site = siteOf(config, chu.id);
    site.dicomweb = `${gate.url}/dicom-web`;
    site.maxConcurrentRequests = 4;
  });
  const pageErrors = collectPageErrors(page);

  const mr = demoStudy('chu/A100001/irm-cerebrale-2026-01-02');
  await page.goto(`${gateway.url}/viewer/${mr.siteId}/${mr.uid}`);
  await expect(viewport(page, 0)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.locator('[data-layout="3x3"]').click();
  for (let index = 0; index < 9; index += 1) {
    await expect(viewport(page, index)).toHaveAttribute('data-site-id', chu.id, { timeout: 60_000 });
    await expect(viewport(page, index)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }
  for (let index = 0; index < 9; index += 1) await expectPicture(viewport(page, index));
  expect(gate.received()).toBeGreaterThan(9);
  expect(gate.mostInFlight()).toBeLessThanOrEqual(4);

  // Twelve searches at once straight at the gateway, the archive's answers held: four reach it, the rest wait
  // their turn, and each round lets the next four through.
  gate.holdWhere(/StudyInstanceUID=2\.25\.4242/);
  const burst = Array.from({ length: 12 }, (_, index) =>
    fetch(`${gateway.url}/sites/${chu.id}/dicom-web/studies?StudyInstanceUID=2.25.4242${index}`, { headers: { accept: 'application/dicom+json' } }),
  );
  for (let round = 0; round < 3; round += 1) {
    await expect.poll(() => gate.held().length, { timeout: 20_000 }).toBe(4);
    expect(gate.inFlight()).toBeLessThanOrEqual(4);
    gate.releaseAll();
  }
  const statuses = (await Promise.all(burst)).map((answer) => answer.status);
  expect(statuses).toEqual(Array(12).fill(200));
  expect(gate.mostInFlight()).toBe(4);
  for (let index = 0; index < 9; index += 1) await expect(viewport(page, index)).toHaveAttribute('data-state', 'ready');
  expect(pageErrors).toEqual([]);
});
