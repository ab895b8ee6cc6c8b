import { expect, test } from '@playwright/test';
import { demoSites } from '../server/demo/demoSites.ts';
import { archiveHeaders, gatewayUrl, testbedInfo } from './support/testbedInfo.ts';

test('the app loads through the gateway and shows both Orthanc sites and the identity service as reachable', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  await page.goto(`${gatewayUrl()}/`);
  const statuses = page.locator('[data-testid=site-status]');
  await expect(statuses).toHaveCount(2);
  for (const site of demoSites) {
    const status = page.locator(`[data-testid=site-status][data-site-id="${site.id}"]`);
    await expect(status).toHaveAttribute('data-state', 'ok');
    await expect(status).toContainText(site.name);
  }
  await expect(page.locator('[data-testid=identity-status]')).toHaveAttribute('data-state', 'ok');
  expect(testbedInfo().sites.every((site) => site.dicomweb.includes('/dicom-web'))).toBe(true);
  expect(problems).toEqual([]);
});

test('the UI switches between English and French and remembers the choice', async ({ page }) => {
  await page.goto(`${gatewayUrl()}/`);
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liste de travail');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liste de travail');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Worklist');
});

test('the gateway proxies the Orthanc archives with security headers, and refuses an unknown site', async ({ request }) => {
  const site = demoSites[0];
  if (!site) throw new Error('no demo site');
  const studies = await request.get(`${gatewayUrl()}/sites/${site.id}/dicom-web/studies?includefield=00100021`, { headers: { accept: 'application/dicom+json' } });
  expect(studies.status()).toBe(200);
  expect(studies.headers()['cache-control']).toBe('no-store');
  expect(studies.headers()['content-security-policy']).toContain("default-src 'self'");
  const issuers = ((await studies.json()) as Record<string, { Value?: string[] }>[]).map((study) => study['00100021']?.Value?.[0]);
  expect(issuers.length).toBeGreaterThan(0);
  expect(new Set(issuers)).toEqual(new Set([site.issuerOfPatientId]));

  const unknown = await request.get(`${gatewayUrl()}/sites/not-a-site/dicom-web/studies`);
  expect(unknown.status()).toBe(404);
});

test('the chu archive asks for credentials, as real archives do: the gateway has them, the browser never sees them', async ({ request }) => {
  const site = demoSites.find((candidate) => candidate.key === 'chu');
  const archive = testbedInfo().sites.find((candidate) => candidate.id === site?.id);
  if (!site || !archive) throw new Error('no chu site in the test bed');
  const bare = await fetch(`${archive.dicomweb}/studies?PatientID=A100001`, { headers: { accept: 'application/dicom+json' } });
  expect(bare.status).toBe(401);
  const direct = await fetch(`${archive.dicomweb}/studies?PatientID=A100001`, { headers: archiveHeaders(site.id, { accept: 'application/dicom+json' }) });
  expect(direct.status).toBe(200);

  const proxied = await request.get(`${gatewayUrl()}/sites/${site.id}/dicom-web/studies?PatientID=A100001`, { headers: { accept: 'application/dicom+json' } });
  expect(proxied.status()).toBe(200);
  expect(proxied.headers()['www-authenticate']).toBeUndefined();
  const config = await request.get(`${gatewayUrl()}/config.json`);
  expect(await config.text()).not.toMatch(/credentials|TESTBED_CHU_ARCHIVE/);
});
