/**
 * Launch links from other systems (IHE Invoke Image Display, RAD-106; contract §3) against the real test bed:
 * a patient by an identifier qualified by either site's issuer opens the cross-site timeline, an unqualified or
 * unknown one is refused without loading anything, a study opens the viewer at the site that holds it.
 */
import { expect, test, type Page } from '@playwright/test';
import { cgfl, chu, durand } from './support/demoData.ts';
import { recordSiteSearches } from './support/pageTimings.ts';
import { gatewayUrl } from './support/testbedInfo.ts';
import { expectDurandTimeline, groupSummaries, rowsOf, siteStatus } from './support/worklistPage.ts';

function launch(parameters: Record<string, string>): string {
  return `${gatewayUrl()}/IHEInvokeImageDisplay?${new URLSearchParams(parameters).toString()}`;
}

const cgflOid = cgfl.patientIdSystem.replace(/^urn:oid:/, '');

test('PATIENT with the chu issuer (A100001^^^CHU-VDS) opens the cross-site timeline', async ({ page }) => {
  const url = launch({ requestType: 'PATIENT', patientID: `A100001^^^${chu.issuerOfPatientId}` });
  expect(url).toContain('patientID=A100001%5E%5E%5ECHU-VDS');
  await page.goto(url);
  await expectDurandTimeline(page);
  await expect(page).toHaveURL(/[?&]patientId=A100001(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]patientIdSite=${chu.id}(&|$)`));
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  await expect(siteStatus(page, cgfl.id)).toHaveAttribute('data-state', 'ok');
  await expect(page.locator('[data-testid=launch-error]')).toHaveCount(0);
});

test('PATIENT with the cgfl identifier in OID form (B-778899^^^&OID&ISO) opens the same timeline', async ({ page }) => {
  const url = launch({ requestType: 'PATIENT', patientID: `B-778899^^^&${cgflOid}&ISO` });
  expect(url).toContain(`patientID=B-778899%5E%5E%5E%26${cgflOid}%26ISO`);
  await page.goto(url);
  await expectDurandTimeline(page);
  await expect(page).toHaveURL(/[?&]patientId=B-778899(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]patientIdSite=${cgfl.id}(&|$)`));
  await expect(page.locator('[data-testid=launch-error]')).toHaveCount(0);
});

test('PATIENT with modalitiesInStudy=CT and mostRecentResults=2 shows only the two newest CT studies, from both sites', async ({ page }) => {
  await page.goto(launch({ requestType: 'PATIENT', patientID: `A100001^^^${chu.issuerOfPatientId}`, modalitiesInStudy: 'CT', mostRecentResults: '2' }));
  // Newest first: the chu CT of 2026-11-18, then the cgfl TAP CT of 2026-06-30 (the chu MR of 2026-01-02 is not CT).
  const expected = durand.studies.filter((study) => study.description.startsWith('TDM')).slice(0, 2);
  expect(expected.map((study) => study.siteId)).toEqual([chu.id, cgfl.id]);
  await expect.poll(() => groupSummaries(page)).toEqual([{ key: durand.key, linkState: 'linked', rows: rowsOf(expected) }]);
  await expect(siteStatus(page, cgfl.id)).toHaveAttribute('data-state', 'ok');
});

async function expectRefused(page: Page, patientID: string): Promise<void> {
  const searches = recordSiteSearches(page);
  await page.goto(launch({ requestType: 'PATIENT', patientID }));
  const error = page.locator('[data-testid=launch-error]');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).not.toBeEmpty();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[data-testid=study-row]')).toHaveCount(0);
  await expect(page.locator('[data-testid=patient-group]')).toHaveCount(0);
  expect(searches, `no search sent to any site for patientID=${patientID}`).toEqual([]);
}

test('PATIENT without an issuer, or with an unknown issuer, is refused with a message and loads nothing', async ({ page }) => {
  await expectRefused(page, 'A100001');
  await expectRefused(page, 'A100001^^^NOT-A-KNOWN-ISSUER');
});

test('STUDY with the cgfl TAP study UID opens the viewer on that study at the cgfl site', async ({ page }) => {
  const tap = durand.cgflTap;
  await page.goto(launch({ requestType: 'STUDY', studyUID: tap.uid }));
  const viewer = page.locator('[data-testid=viewer-page]');
  await expect(viewer).toHaveAttribute('data-study-uid', tap.uid);
  await expect(viewer).toHaveAttribute('data-site-id', cgfl.id);
  await expect(page).toHaveURL(new RegExp(`/viewer/${cgfl.id}/${tap.uid.replace(/\./g, '\\.')}(\\?|$)`));
  await expect(page.locator('[data-testid=launch-error]')).toHaveCount(0);
});
