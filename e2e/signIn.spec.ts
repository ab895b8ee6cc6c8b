/**
 * Sign-in end to end (contract §5): a gateway with `auth` on the real test bed, the demo's OpenID provider, Debian's
 * Chromium. Sign in, search, view, sign out; a launch link without a session comes back to the launch; an ended
 * or forged session goes to sign-in; tokens and the session cookie stay out of the page's reach; the return address
 * cannot lead off Passerelle. The shared gateway without `auth` says "no sign-in".
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import pg from 'pg';
import { chu, durand } from './support/demoData.ts';
import type { Cleanup } from './support/cleanupAfterEach.ts';
import { signInOnProviderPage, startSignInGateway, type SignInTestbed } from './support/signInGateway.ts';
import { gatewayUrl, testbedInfo } from './support/testbedInfo.ts';
import { readConfigFile } from './support/variantConfig.ts';
import { expectPicture } from './support/viewerCanvas.ts';
import { expectDurandTimeline, groupWithKey, studyRow } from './support/worklistPage.ts';

const cleanups: Cleanup[] = [];
let bed: SignInTestbed;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  bed = await startSignInGateway(cleanups);
});

test.afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve().then(cleanup).catch(() => undefined);
});

/** Every request the page sends that carries an Authorization header (there must be none). */
function watchAuthorization(page: Page): string[] {
  const carrying: string[] = [];
  page.on('request', (request: Request) => {
    if (request.headers().authorization !== undefined) carrying.push(request.url());
  });
  return carrying;
}

async function expectSignedIn(page: Page, login: string, roles: string): Promise<void> {
  const user = page.locator('[data-testid=current-user]');
  await expect(user).toHaveAttribute('data-user-id', login);
  await expect(user).toHaveAttribute('data-roles', roles);
  await expect(page.locator('[data-testid=no-sign-in]')).toHaveCount(0);
}

async function sessionCookie(page: Page) {
  return (await page.context().cookies(bed.gateway.url)).find((cookie) => cookie.name === 'passerelle-session');
}

async function expireSessions(): Promise<void> {
  const url = readConfigFile(testbedInfo().configFile).database?.url;
  if (!url) throw new Error('the test bed has no database URL');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE session SET expires_at = now() - interval '1 second'`);
  } finally {
    await client.end();
  }
}

test('a radiologist signs in, finds DURAND, sees an image and signs out; no token reaches the page', async ({ page }) => {
  const authorization = watchAuthorization(page);
  await page.goto(`${bed.gateway.url}/`);
  await signInOnProviderPage(page, bed.idp, 'radiologue');
  await expect(page).toHaveURL(`${bed.gateway.url}/`);
  await expectSignedIn(page, 'radiologue', 'clinician');
  await expect(page.locator('[data-testid=current-user]')).toContainText('Dr Claire Vautrin');

  const cookie = await sessionCookie(page);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('passerelle-session');
  expect(await page.evaluate(() => document.cookie)).not.toContain(cookie?.value ?? '-');

  await page.locator('input[name=patientName]').fill('durand');
  await page.locator('input[name=patientName]').press('Enter');
  await expectDurandTimeline(page);
  const study = durand.studies.find((candidate) => candidate.siteId === chu.id && candidate.description.startsWith('TDM')) ?? durand.studies[0]!;
  await studyRow(groupWithKey(page, durand.key), study.uid).getByRole('link').first().click();
  const viewport = page.locator('[data-testid=viewport][data-viewport-index="0"]');
  await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expectPicture(viewport);

  await page.locator('[data-testid=sign-out]').click();
  await expect(page.locator('[data-testid=signed-out]')).toBeVisible();
  await expect(page).toHaveURL(`${bed.gateway.url}/signed-out`);
  expect(await sessionCookie(page)).toBeUndefined();
  const after = await page.request.get(`${bed.gateway.url}/sites/${chu.id}/dicom-web/studies?PatientName=DURAND*`, { headers: { cookie: `passerelle-session=${cookie?.value ?? ''}` } });
  expect(after.status()).toBe(401);
  expect(await after.text()).not.toContain('DURAND');
  expect(authorization).toEqual([]);
});

test('an IID launch without a session goes to sign-in and comes back to the same launch', async ({ page }) => {
  const launch = `${bed.gateway.url}/IHEInvokeImageDisplay?${new URLSearchParams({ requestType: 'PATIENT', patientID: `A100001^^^${chu.issuerOfPatientId}` })}`;
  await page.goto(launch);
  await signInOnProviderPage(page, bed.idp, 'medecin');
  await expectSignedIn(page, 'medecin', 'clinician');
  await expectDurandTimeline(page);
  await expect(page).toHaveURL(/[?&]patientId=A100001(&|$)/);
});

test('an ended session sends the page back to sign-in, and back to where it was', async ({ page }) => {
  await page.goto(`${bed.gateway.url}/?patientName=durand`);
  await signInOnProviderPage(page, bed.idp, 'radiologue');
  await expectDurandTimeline(page);
  const before = await sessionCookie(page);

  await expireSessions();
  // The provider's own session would sign the user in again at once: end it too, so its form shows.
  await page.context().clearCookies({ domain: new URL(bed.idp.issuer).hostname, name: /^_session/ });
  const toSignIn = page.waitForRequest((request) => request.url().startsWith(`${bed.gateway.url}/auth/login?return=`));
  await page.locator('input[name=patientName]').fill('lefevre');
  await page.locator('input[name=patientName]').press('Enter');
  const signInRequest = await toSignIn;
  expect(new URL(signInRequest.url()).searchParams.get('return')).toMatch(/^\/\?/);
  await signInOnProviderPage(page, bed.idp, 'radiologue');
  await expectSignedIn(page, 'radiologue', 'clinician');
  expect((await sessionCookie(page))?.value).not.toBe(before?.value);
});

test('a forged session cookie is refused: no data, and the page goes to sign-in', async ({ page }) => {
  await page.context().addCookies([{ name: 'passerelle-session', value: 'A'.repeat(43), url: bed.gateway.url, httpOnly: true, sameSite: 'Lax' }]);
  const answer = await page.request.get(`${bed.gateway.url}/sites/${chu.id}/dicom-web/studies?PatientName=DURAND*`);
  expect(answer.status()).toBe(401);
  expect(await answer.text()).not.toContain('DURAND');
  await page.goto(`${bed.gateway.url}/`);
  await expect(page.locator('input[name=login]')).toBeVisible();
  expect(page.url().startsWith(bed.idp.issuer)).toBe(true);
});

test('a sign-in asked to return to another site ends on Passerelle', async ({ page }) => {
  await page.goto(`${bed.gateway.url}/auth/login?return=${encodeURIComponent('https://evil.example/')}`);
  await signInOnProviderPage(page, bed.idp, 'radiologue');
  await expect(page).toHaveURL(`${bed.gateway.url}/`);
  await expectSignedIn(page, 'radiologue', 'clinician');
});

test('an auditor signed in sees no worklist', async ({ page }) => {
  await page.goto(`${bed.gateway.url}/`);
  await signInOnProviderPage(page, bed.idp, 'dpo');
  await expectSignedIn(page, 'dpo', 'auditor');
  await expect(page.locator('[data-testid=role-refused]')).toBeVisible();
  await expect(page.locator('input[name=patientName]')).toHaveCount(0);
});

test('the test bed gateway without auth says "no sign-in" on its pages, for its local user', async ({ page }) => {
  await page.goto(`${gatewayUrl()}/`);
  await expect(page.locator('[data-testid=no-sign-in]')).toBeVisible();
  await expect(page.locator('[data-testid=current-user]')).toHaveAttribute('data-user-id', 'local');
  await expect(page.locator('[data-testid=sign-out]')).toHaveCount(0);
});
