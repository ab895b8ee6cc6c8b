/**
 * Passerelle's own identity cross-reference manager end to end (contract §6), on the real test bed with sign-in:
 * the sites' feeding systems feed their patients (ITI-104, client-credentials tokens of the demo provider), the
 * manager links them, and the worklist shows one timeline across both sites; a feeding system cannot feed another
 * site's identifiers; a launch by INS opens the person's studies from both sites, the banner showing the INS with
 * its strict traits.
 */
import { expect, test } from '@playwright/test';
import { demoIdentityFeeds } from '../server/demo/demoIdentityFeed.ts';
import { feedClientToken } from '../server/demo/idp/feedClientToken.ts';
import type { Cleanup } from './support/cleanupAfterEach.ts';
import { cgfl, chu, durand, roux } from './support/demoData.ts';
import { demoFeed, feedPatient, startIdentityManagerGateway } from './support/identityManagerGateway.ts';
import { signInOnProviderPage, type SignInTestbed } from './support/signInGateway.ts';
import { expectDurandTimeline, groupSummaries, groupWithKey, rowsOf, siteStatus } from './support/worklistPage.ts';

test.describe.configure({ mode: 'serial' });

const cleanups: Cleanup[] = [];
let bed: SignInTestbed;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  bed = await startIdentityManagerGateway(cleanups);
});

test.afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve().then(cleanup).catch(() => undefined);
});

const insLaunchId = `${roux.ins.value}^^^&${roux.ins.system.replace(/^urn:oid:/, '')}&ISO`;

test('a feeding system that tries another site’s identifiers gets 403, one without a token 401', async () => {
  const token = await feedClientToken(bed.idp.issuer, 'flux-chu', chu.patientIdSystem);
  const answer = await feedPatient(bed.gateway.url, token, demoFeed('B-812345'));
  expect(answer.status).toBe(403);
  const outcome = (await answer.json()) as { resourceType: string; issue: { code: string }[] };
  expect(outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
  const unsigned = await feedPatient(bed.gateway.url, 'not-a-token', demoFeed('A100005'));
  expect(unsigned.status).toBe(401);
});

test('each site’s feeding system feeds its patients, the manager links them, and the worklist shows one timeline across both sites', async ({ page }) => {
  const tokens = {
    chu: await feedClientToken(bed.idp.issuer, 'flux-chu', chu.patientIdSystem),
    cgfl: await feedClientToken(bed.idp.issuer, 'flux-cgfl', cgfl.patientIdSystem),
  };
  for (const feed of demoIdentityFeeds()) {
    const answer = await feedPatient(bed.gateway.url, tokens[feed.site], feed);
    expect([200, 201], `${feed.site} ${feed.identifier.value}`).toContain(answer.status);
  }

  await page.goto(`${bed.gateway.url}/?patientName=roux`);
  await signInOnProviderPage(page, bed.idp, 'radiologue');
  // Found as ROUX at the CHU; her studies as GIRARD at the cancer centre come through the manager's link.
  const group = groupWithKey(page, roux.key);
  await expect(group).toBeVisible();
  await expect(group).toHaveAttribute('data-link-state', 'linked');
  await expect(siteStatus(page, cgfl.id)).toHaveAttribute('data-state', 'ok');
  await expect.poll(async () => (await groupSummaries(page)).map((summary) => summary.rows)).toEqual([rowsOf(roux.studies)]);
  await expect(group).toContainText('GIRARD');
  const banner = group.locator('[data-testid=patient-ins]');
  await expect(banner).toHaveAttribute('data-ins', roux.ins.value);
  await expect(banner).toContainText('ROUX');

  // DURAND, fed under her qualified identity at both sites, keeps her one timeline.
  await page.goto(`${bed.gateway.url}/?patientName=durand`);
  await expectDurandTimeline(page);
  await expect(groupWithKey(page, durand.key).locator('[data-testid=patient-ins]')).toHaveAttribute('data-ins', '258039935004587');

  // The twins share a family name and a birth date: never linked.
  await page.goto(`${bed.gateway.url}/?patientName=petit`);
  await expect.poll(async () => (await groupSummaries(page)).map((summary) => summary.linkState)).toEqual(['single-site', 'single-site']);
});

test('a launch by INS opens the person’s studies from both sites, and the banner shows the INS with the strict traits', async ({ page }) => {
  await page.goto(`${bed.gateway.url}/IHEInvokeImageDisplay?${new URLSearchParams({ requestType: 'PATIENT', patientID: insLaunchId }).toString()}`);
  await signInOnProviderPage(page, bed.idp, 'medecin');
  await expect(page.locator('[data-testid=launch-error]')).toHaveCount(0);
  await expect.poll(async () => (await groupSummaries(page)).map((summary) => summary.rows)).toEqual([rowsOf(roux.studies)]);
  await expect(siteStatus(page, chu.id)).toHaveAttribute('data-state', 'ok');
  await expect(siteStatus(page, cgfl.id)).toHaveAttribute('data-state', 'ok');
  const banner = groupWithKey(page, roux.key).locator('[data-testid=patient-ins]');
  await expect(banner).toHaveAttribute('data-ins', roux.ins.value);
  await expect(banner).toHaveAttribute('data-ins-system', roux.ins.system);
  for (const trait of ['ROUX', 'SOPHIE ANNE', '1976']) await expect(banner).toContainText(trait);

  // A study launch with the INS as patientID opens that study, wherever it is.
  const cgflStudy = roux.studies.find((study) => study.siteId === cgfl.id);
  if (!cgflStudy) throw new Error('ROUX has no study at the cancer centre');
  await page.goto(`${bed.gateway.url}/IHEInvokeImageDisplay?${new URLSearchParams({ requestType: 'STUDY', studyUID: cgflStudy.uid, patientID: insLaunchId }).toString()}`);
  await expect(page.locator('[data-testid=viewer-page]')).toHaveAttribute('data-study-uid', cgflStudy.uid);
  await expect(page.locator('[data-testid=viewer-page]')).toHaveAttribute('data-site-id', cgfl.id);
  // The viewer's own banner names her by her INS and strict traits, though this study holds her married name.
  const viewerBanner = page.locator('[data-testid=viewer-page] [data-testid=patient-ins]');
  await expect(viewerBanner).toHaveAttribute('data-ins', roux.ins.value);
  await expect(viewerBanner).toContainText('ROUX');
});

test('an INS the manager does not know shows nothing', async ({ page }) => {
  await page.goto(`${bed.gateway.url}/?patientId=258039935004587&patientIdSite=ins%3A1.2.250.1.213.1.4.11`);
  await signInOnProviderPage(page, bed.idp, 'radiologue');
  await expect(page.locator('[data-testid=ins-search]')).toHaveAttribute('data-state', 'not-found');
  await expect(page.locator('[data-testid=patient-group]')).toHaveCount(0);
});

test('the identity officer undoes the link of ROUX and GIRARD on the review page, after which the worklist shows two patients', async ({ browser }) => {
  // The officer, in a browser context of her own: she finds the person and undoes the cancer centre's record.
  const officer = await browser.newContext();
  const review = await officer.newPage();
  await review.goto(`${bed.gateway.url}/identity-review`);
  await signInOnProviderPage(review, bed.idp, 'identito');
  await review.locator('[data-testid=person-search]').fill('B-812345');
  await review.locator('[data-testid=person-search]').press('Enter');
  await review.locator('[data-testid=person-results] a').first().click();
  const links = review.locator('[data-testid=person-links]');
  await expect(links.locator('[data-testid=person-link]')).toHaveCount(2);
  const girard = links.locator('[data-testid=person-link]', { hasText: 'B-812345' });
  await girard.locator('[data-testid=unlink-comment]').fill('two women: the INS was keyed on the wrong record');
  await girard.locator('[data-testid=unlink]').click();
  await expect(links.locator('[data-testid=person-link]')).toHaveCount(1);
  await officer.close();

  // A clinician's worklist, at once: ROUX has her CHU studies only, GIRARD is a patient of her own at the cancer centre.
  const clinician = await browser.newContext();
  const page = await clinician.newPage();
  await page.goto(`${bed.gateway.url}/?patientName=roux`);
  await signInOnProviderPage(page, bed.idp, 'radiologue');
  const chuOnly = rowsOf(roux.studies.filter((study) => study.siteId === chu.id));
  await expect.poll(async () => (await groupSummaries(page)).map((summary) => [summary.linkState, summary.rows])).toEqual([['single-site', chuOnly]]);
  await page.goto(`${bed.gateway.url}/?patientName=girard`);
  const cgflOnly = rowsOf(roux.studies.filter((study) => study.siteId === cgfl.id));
  await expect.poll(async () => (await groupSummaries(page)).map((summary) => [summary.linkState, summary.rows])).toEqual([['single-site', cgflOnly]]);
  await clinician.close();
});
