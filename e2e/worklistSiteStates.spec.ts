/**
 * Honest site states (contract §4) for a Patient ID search, which asks the ID's own site directly and the other
 * sites only for the identifiers the identity service (PIXm, ITI-83) links to it: a site never asked reads
 * `not-searched` with the reason in words and whether its archive is up; a site waiting on the identity service
 * reads `loading`, never `ok` with nothing to show. The identity service's answers are held, or made to fail, by
 * a proxy in front of the real one, at the moment each test chooses.
 */
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../scripts/testbed/freePort.ts';
import { cgfl, chu, durand, lefevre, martin, qcPhantom } from './support/demoData.ts';
import { cleanupAfterEach } from './support/cleanupAfterEach.ts';
import { variantGateway } from './support/variantGateway.ts';
import { startHoldingProxy } from './support/holdingProxy.ts';
import { recordSiteSearches } from './support/pageTimings.ts';
import { logSiteStates, siteStatesSeen } from './support/siteStateLog.ts';
import { gatewayUrl, testbedInfo } from './support/testbedInfo.ts';
import { siteOf } from './support/variantConfig.ts';
import { expectDurandTimeline, groupSummaries, rowsOf, siteStatus, studyRow, worklistUrl } from './support/worklistPage.ts';

// A gateway of its own for some tests (npm start; it may rebuild the app first when the sources changed).
test.describe.configure({ timeout: 240_000 });

const cleanups = cleanupAfterEach();

const gatewayOn = (change: Parameters<typeof variantGateway>[1]) => variantGateway(cleanups, change);

const byChuId = (base: string, patientId: string) => worklistUrl(base, { patientId, patientIdSite: chu.id });
const rowsAt = (page: Page, siteId: string) => page.locator(`[data-testid=study-row][data-site-id="${siteId}"]`);
const chuDurand = durand.studies.filter((study) => study.siteId === chu.id);
const cgflDurand = durand.studies.filter((study) => study.siteId === cgfl.id);

/** The other site reads not-searched with `reason`, and still says whether its archive is up. */
async function expectNotSearched(page: Page, siteId: string, reason: RegExp | string, archive: 'ok' | 'error'): Promise<void> {
  const status = siteStatus(page, siteId);
  await expect(status).toHaveAttribute('data-state', 'not-searched');
  await expect(status).toContainText('not searched');
  await expect(status.locator('[data-testid=site-status-reason]')).toContainText(reason);
  const reachability = status.locator('[data-testid=site-status-reachability]');
  await expect(reachability).toHaveAttribute('data-state', archive);
  await expect(reachability).toContainText(archive === 'ok' ? 'archive reachable' : 'archive unreachable');
  await expect(page.locator(`[data-testid=site-reachability][data-site-id="${siteId}"]`)).toHaveAttribute('data-state', archive);
  await expect(rowsAt(page, siteId)).toHaveCount(0);
}

test('a patient known at one site only: the other site reads not-searched, says why, and that its archive is up', async ({ page }) => {
  const searches = recordSiteSearches(page);
  await page.goto(byChuId(gatewayUrl(), 'A100002'));
  await expect.poll(() => groupSummaries(page)).toEqual([{ key: lefevre.key, linkState: 'single-site', rows: rowsOf(lefevre.studies) }]);
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  await expectNotSearched(page, cgfl.id, 'no identifier of this patient is known at this site', 'ok');
  expect(searches.filter((url) => url.includes(`/sites/${cgfl.id}/`)), 'nothing was asked of cgfl').toEqual([]);

  // A patient the identity service does not know at all (ITI-83 404) reads the same.
  await page.goto(byChuId(gatewayUrl(), 'QC-0001'));
  await expect(studyRow(page, qcPhantom.study.uid)).toBeVisible();
  await expectNotSearched(page, cgfl.id, 'no identifier of this patient is known at this site', 'ok');

  // The reason is words a screen reader reads with the status, in French too.
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(siteStatus(page, cgfl.id)).toContainText('non interrogé');
  await expect(siteStatus(page, cgfl.id)).toContainText('aucun identifiant de ce patient n’est connu dans ce site');
});

test('a patient at both sites: the other site reads loading until the identity service answers, then ok with its studies', async ({ page }) => {
  const proxy = await startHoldingProxy(testbedInfo().pixm, (url) => url.pathname.endsWith('/$ihe-pix'));
  cleanups.push(() => proxy.close());
  const gateway = await gatewayOn((config) => {
    config.identity = { pixm: proxy.url };
  });

  await logSiteStates(page);
  await page.goto(byChuId(gateway.url, 'A100001'));
  await proxy.waitForRequests(1);
  // The identity service has been asked and has not answered: chu's studies are there, cgfl waits.
  for (const study of chuDurand) await expect(studyRow(page, study.uid)).toBeVisible();
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  const status = siteStatus(page, cgfl.id);
  await expect(status).toHaveAttribute('data-state', 'loading');
  await expect(status.locator('[data-testid=site-status-reason]')).toHaveText('waiting for the identity service');
  await expect(rowsAt(page, cgfl.id)).toHaveCount(0);
  expect(proxy.received(), 'the identity service still holds the one cross-reference').toBe(1);

  proxy.release();
  await expectDurandTimeline(page);
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(rowsAt(page, cgfl.id)).toHaveCount(cgflDurand.length);

  const seen = await siteStatesSeen(page, cgfl.id);
  expect(seen.filter((entry) => entry.state === 'ok' && entry.rows === 0), `cgfl never read ok with no study on screen: ${JSON.stringify(seen)}`).toEqual([]);
  expect(seen.filter((entry) => entry.state !== 'loading').map((entry) => entry.state), 'cgfl left loading only for ok').toEqual(['ok']);
  expect(seen.at(-1)).toEqual({ site: cgfl.id, state: 'ok', rows: cgflDurand.length });

  // The same gateway with its identity service failing: cgfl is not searched, and the reason says the service is down.
  proxy.failWith(503);
  await page.goto(byChuId(gateway.url, '300042'));
  await expect.poll(() => groupSummaries(page)).toEqual([{ key: martin.key, linkState: 'unlinked-identity-unavailable', rows: rowsOf(martin.studies) }]);
  await expectNotSearched(page, cgfl.id, /^the identity service is unavailable \(.*HTTP 50\d.*\), so this patient’s identifier at this site is not known$/, 'ok');
});

test('no identity service and the other archive down: not-searched says both, never "ok, no studies"', async ({ page }) => {
  const closedPort = await freePort();
  const gateway = await gatewayOn((config) => {
    delete config.identity;
    siteOf(config, cgfl.id).dicomweb = `http://127.0.0.1:${closedPort}/dicom-web`;
  });

  await page.goto(byChuId(gateway.url, 'A100001'));
  for (const study of chuDurand) await expect(studyRow(page, study.uid)).toBeVisible();
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  await expectNotSearched(page, cgfl.id, 'no identity service is configured, so this patient’s identifier at this site is not known', 'error');
});

test('an identifier system the identity service does not know (ITI-83 400): the other site says so, by name', async ({ page }) => {
  const gateway = await gatewayOn((config) => {
    siteOf(config, cgfl.id).patientIdSystem = 'urn:oid:1.2.250.1.999.99.99';
  });

  await page.goto(worklistUrl(gateway.url, { patientId: 'B-778899', patientIdSite: cgfl.id }));
  for (const study of cgflDurand) await expect(studyRow(page, study.uid)).toBeVisible();
  await expect(siteStatus(page, cgfl.id)).toHaveAttribute('data-state', 'ok');
  await expectNotSearched(page, chu.id, `the identity service does not know the identifiers of ${cgfl.name}`, 'ok');
});
