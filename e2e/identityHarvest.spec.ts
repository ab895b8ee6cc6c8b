/**
 * The harvest in Chromium, on the test bed's real Orthanc archives: a gateway of the test's own with
 * `identity.manager` (a harvest of every site, small pages), sign-in at the demo's OpenID provider and a fresh
 * embedded PostgreSQL, so that every run starts from no watermark. The identity officer opens the harvest from the
 * identity review, starts it from the keyboard, and sees each site reach `done` with patients learnt; the auditor,
 * in a browser of her own, finds each site's run and each record it fed in the audit trail, as the officer's; a
 * clinician is refused the page and the routes.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RuntimeConfig } from '../src/domain/config/runtimeConfig.ts';
import type { RunningDemoIdp } from '../server/demo/idp/startDemoIdp.ts';
import { resolveUpstreamCredentials } from '../server/gateway/upstreamCredentials.ts';
import { startOwnIdentityGateway, type OwnIdentityGateway } from './support/ownIdentityGateway.ts';
import { signInOnProviderPage } from './support/signInGateway.ts';
import { testbedInfo } from './support/testbedInfo.ts';
import { readConfigFile } from './support/variantConfig.ts';

test.describe.configure({ mode: 'serial' });

const OFFICER = 'identito';
/** A run reads every study of both archives, five at a time, on a busy two-core machine. */
const RUN_TIMEOUT_MS = 180_000;

let own: OwnIdentityGateway;
let idp: RunningDemoIdp;
let base: string;
let sites: RuntimeConfig['sites'];
/** Patients learnt per site, as the officer's page showed them at the run's end. */
const learnt = new Map<string, number>();

interface AuditEventJson {
  subtype: { system?: string; code: string }[];
  outcome: string;
  agent: { who?: { identifier?: { value: string } } }[];
  entity: { what?: { identifier?: { system?: string; value: string } }; role: { code: string }; query?: string; detail?: { type: string; valueString: string }[] }[];
}

async function auditEventsOf(page: Page, agent: string): Promise<AuditEventJson[]> {
  const answer = await page.request.get(`${base}/audit/AuditEvent?agent=${encodeURIComponent(agent)}&_count=1000`);
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { entry?: { resource: AuditEventJson }[] }).entry?.map((entry) => entry.resource) ?? [];
}

const actionOf = (event: AuditEventJson) => event.subtype.find((coding) => coding.system === 'urn:passerelle:audit-action')?.code;
const siteOf = (event: AuditEventJson) => event.entity.flatMap((entity) => entity.detail ?? []).find((detail) => detail.type === 'site')?.valueString;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const testbed = readConfigFile(testbedInfo().configFile);
  sites = testbed.sites;
  // The archives' credentials (one asks for them), from the environment the global setup filled.
  const credentials = resolveUpstreamCredentials(testbed, { env: process.env, baseDir: path.dirname(testbedInfo().configFile) });
  if (!credentials.ok) throw new Error(credentials.errors.join('\n'));
  own = await startOwnIdentityGateway({ sites, manager: { harvest: { pageSize: 5 } }, credentials: credentials.credentials });
  idp = own.idp;
  base = own.base;
});

test.afterAll(async () => {
  await own?.close();
});

test('an identity officer starts the harvest from the review and sees each site reach done with patients learnt', async ({ page }) => {
  test.setTimeout(RUN_TIMEOUT_MS + 90_000);
  await page.goto(`${base}/identity-review`);
  await signInOnProviderPage(page, idp, OFFICER);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('navigation', { name: 'Identity review sections' }).getByRole('link', { name: 'Harvest of the archives' }).click();
  await expect(page).toHaveURL(`${base}/identity-review/harvest`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harvest of the archives');

  const progress = page.getByTestId('harvest-progress');
  await expect(progress).toHaveAttribute('data-running', 'false');
  const rows = page.getByTestId('harvest-site');
  await expect(rows).toHaveCount(sites.length);
  for (const site of sites) await expect(rows.and(page.locator(`[data-site-id="${site.id}"]`))).toHaveAttribute('data-state', 'never');

  // From the keyboard: the labelled button takes the focus and Enter starts the run.
  const start = page.getByRole('button', { name: 'Harvest now' });
  await start.focus();
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');

  // The page polls while the run is under way: each site ends done, and the run's end shows on the page.
  for (const site of sites) {
    const row = rows.and(page.locator(`[data-site-id="${site.id}"]`));
    await expect(row).toHaveAttribute('data-state', 'done', { timeout: RUN_TIMEOUT_MS });
  }
  await expect(progress).toHaveAttribute('data-running', 'false', { timeout: RUN_TIMEOUT_MS });
  await expect(start).toBeEnabled();
  for (const site of sites) {
    const row = rows.and(page.locator(`[data-site-id="${site.id}"]`));
    await expect(row).toHaveAttribute('data-state', 'done');
    const patients = Number(await row.getAttribute('data-patients-learnt'));
    expect(patients, `patients learnt at ${site.id}`).toBeGreaterThan(0);
    expect(Number(await row.getAttribute('data-studies-read')), `studies read at ${site.id}`).toBeGreaterThanOrEqual(patients);
    await expect(row).toHaveAttribute('data-watermark', /^\d{8}$/);
    await expect(row.getByTestId('harvest-site-error')).toHaveText('—');
    learnt.set(site.id, patients);
  }

  // In French too.
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('button', { name: 'Lancer la moisson' })).toBeVisible();
  await expect(rows.first()).toContainText('terminée');
});

test('the auditor finds each site’s run and each record it fed in the audit trail, as the officer’s', async ({ browser }) => {
  expect(learnt.size, 'the officer’s run happened').toBe(sites.length);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await signInOnProviderPage(page, idp, 'dpo');
    await expect(page.locator('[data-testid=current-user]')).toHaveAttribute('data-roles', 'auditor');

    // The trail writes in batches: wait (bounded) until every site's run is readable.
    const runs = async () => (await auditEventsOf(page, OFFICER)).filter((event) => actionOf(event) === 'identity-harvest');
    await expect.poll(async () => (await runs()).length, { timeout: 20_000 }).toBe(sites.length);
    for (const site of sites) {
      const run = (await runs()).find((event) => siteOf(event) === site.id);
      expect(run?.outcome, `run at ${site.id}`).toBe('0');
      expect(run?.agent[0]?.who?.identifier?.value).toBe(OFFICER);
      const query = run?.entity.find((entity) => entity.role.code === '24')?.query;
      expect(JSON.parse(Buffer.from(query ?? '', 'base64').toString('utf8'))).toEqual({ path: 'studies', query: {} });
    }

    // One feed record per patient learnt, its identifier (the site's system) as the patient.
    const total = [...learnt.values()].reduce((sum, count) => sum + count, 0);
    const feeds = async () => (await auditEventsOf(page, OFFICER)).filter((event) => actionOf(event) === 'identity-feed');
    await expect.poll(async () => (await feeds()).length, { timeout: 20_000 }).toBe(total);
    for (const site of sites) {
      const ofSite = (await feeds()).filter((event) => siteOf(event) === site.id);
      expect(ofSite, `feed records of ${site.id}`).toHaveLength(learnt.get(site.id) ?? -1);
      for (const feed of ofSite) expect(feed.entity.find((entity) => entity.role.code === '1')?.what?.identifier?.system).toBe(site.patientIdSystem);
    }

    // The audit page tells it in words.
    await page.goto(`${base}/audit?agent=${OFFICER}`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('audit-results')).toHaveAttribute('data-state', 'ok');
    for (const site of sites) {
      const row = page.locator(`[data-testid=audit-record][data-action=identity-harvest][data-outcome=success][data-site-id="${site.id}"]`);
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('harvest of an archive');
    }
  } finally {
    await context.close();
  }
});

test('a clinician is refused the harvest page, its progress and its start', async ({ browser }) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/identity-review/harvest`);
    await signInOnProviderPage(page, idp, 'radiologue');
    await expect(page.locator('[data-testid=current-user]')).toHaveAttribute('data-roles', 'clinician');
    await expect(page.locator('[data-testid=role-refused]')).toBeVisible();
    await expect(page.getByTestId('harvest-page')).toHaveCount(0);
    await expect(page.locator('[data-testid=identity-review-link]')).toHaveCount(0);
    expect((await page.request.get(`${base}/identity/harvest`)).status()).toBe(403);
    // Even with the session's CSRF token, the start is refused by role.
    const session = (await (await page.request.get(`${base}/auth/session`)).json()) as { csrfToken?: string };
    const started = await page.request.post(`${base}/identity/harvest`, { headers: { 'x-passerelle-csrf': session.csrfToken ?? '' }, data: {} });
    expect(started.status()).toBe(403);
    expect(await started.json()).toEqual({ error: 'the role identity-officer is required' });
  } finally {
    await context.close();
  }
});
