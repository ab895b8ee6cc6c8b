/**
 * Sign-in and the audit trail together (contract §5), on a gateway with `auth` on the real test bed and the demo's
 * OpenID provider: a clinician views DURAND's CT and is refused the trail; the auditor, in a browser of her own,
 * asks what that clinician looked at and finds that view with the patient as the archive holds it, the study and
 * the site, on the audit page and in `GET /audit/AuditEvent`.
 */
import { expect, test, type Page } from '@playwright/test';
import { chu, demoStudy, durand, type ExpectedStudy } from './support/demoData.ts';
import type { Cleanup } from './support/cleanupAfterEach.ts';
import { signInOnProviderPage, startSignInGateway, type SignInTestbed } from './support/signInGateway.ts';
import { archiveHeaders, testbedInfo } from './support/testbedInfo.ts';
import { readConfigFile, siteOf } from './support/variantConfig.ts';
import { expectPicture } from './support/viewerCanvas.ts';
import { expectDurandTimeline, groupWithKey, studyRow } from './support/worklistPage.ts';

const CLINICIAN = 'radiologue';
const AUDITOR = 'dpo';
/** The trail is written in batches off the request path: how long a view may take to be readable. */
const TRAIL_WRITE_TIMEOUT_MS = 30_000;

const cleanups: Cleanup[] = [];
let bed: SignInTestbed;
/** Set by the clinician's test, read by the auditor's: when the view began (the trail's records of it are later). */
let viewedFrom: Date | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  bed = await startSignInGateway(cleanups);
});

test.afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve().then(cleanup).catch(() => undefined);
});

const durandCt = (): ExpectedStudy => demoStudy('chu/A100001/ct-thorax-2026-11-18');

/** The patient of a study as its own archive holds it (asked of the archive directly, not through Passerelle), and the site's identifier system. */
async function archivePatientOf(study: ExpectedStudy): Promise<{ system: string; value: string; siteName: string }> {
  const site = testbedInfo().sites.find((candidate) => candidate.id === study.siteId);
  if (!site) throw new Error(`no site ${study.siteId} in the test bed`);
  const query = new URLSearchParams({ StudyInstanceUID: study.uid, includefield: '00100020' });
  const answer = await fetch(`${site.dicomweb}/studies?${query}`, { headers: archiveHeaders(study.siteId, { accept: 'application/dicom+json' }) });
  expect(answer.status).toBe(200);
  const [found] = (await answer.json()) as Record<string, { Value?: unknown[] }>[];
  const value = found?.['00100020']?.Value?.[0];
  if (typeof value !== 'string' || value === '') throw new Error(`the archive of ${study.siteId} gives no Patient ID for ${study.uid}`);
  const configured = siteOf(readConfigFile(testbedInfo().configFile), study.siteId);
  return { system: configured.patientIdSystem, value, siteName: configured.name };
}

interface AuditEventJson {
  subtype: { system?: string; code: string }[];
  outcome: string;
  recorded: string;
  agent: { who?: { identifier?: { value: string } } }[];
  entity: { what?: { identifier?: { system?: string; value: string } }; role: { code: string }; detail?: { type: string; valueString: string }[] }[];
}

/** `GET /audit/AuditEvent?…` from the page's session: its status and, when 200, its AuditEvents. */
async function auditEvents(page: Page, params: Record<string, string>): Promise<{ status: number; events: AuditEventJson[] }> {
  const answer = await page.request.get(`${bed.gateway.url}/audit/AuditEvent?${new URLSearchParams(params)}`);
  if (answer.status() !== 200) return { status: answer.status(), events: [] };
  const bundle = (await answer.json()) as { resourceType: string; entry?: { resource: AuditEventJson }[] };
  expect(bundle.resourceType).toBe('Bundle');
  return { status: 200, events: (bundle.entry ?? []).map((entry) => entry.resource) };
}

const isAction = (event: AuditEventJson, action: string) => event.subtype.some((coding) => coding.system === 'urn:passerelle:audit-action' && coding.code === action);

test('a clinician signed in views DURAND’s CT and is refused the audit trail', async ({ page }) => {
  const study = durandCt();
  viewedFrom = new Date();
  await page.goto(`${bed.gateway.url}/`);
  await signInOnProviderPage(page, bed.idp, CLINICIAN);
  const user = page.locator('[data-testid=current-user]');
  await expect(user).toHaveAttribute('data-user-id', CLINICIAN);
  await expect(user).toHaveAttribute('data-roles', 'clinician');
  await expect(page.locator('[data-testid=audit-link]')).toHaveCount(0);

  await page.locator('input[name=patientName]').fill('durand');
  await page.locator('input[name=patientName]').press('Enter');
  await expectDurandTimeline(page);
  await studyRow(groupWithKey(page, durand.key), study.uid).getByRole('link').first().click();
  const viewport = page.locator('[data-testid=viewport][data-viewport-index="0"]');
  await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(viewport).toHaveAttribute('data-study-uid', study.uid);
  await expect(viewport).toHaveAttribute('data-site-id', chu.id);
  await expectPicture(viewport);

  // The trail, asked from this page's own session: refused, and nothing of it in the answer.
  const refused = await page.evaluate(async (url) => {
    const answer = await fetch(url, { headers: { accept: 'application/fhir+json' } });
    return { status: answer.status, text: await answer.text() };
  }, `/audit/AuditEvent?agent=${CLINICIAN}`);
  expect(refused.status).toBe(403);
  expect(refused.text).not.toContain(study.uid);
  expect(refused.text).not.toContain('AuditEvent');

  // The audit page says why, and the header still offers no way to it.
  await page.goto(`${bed.gateway.url}/audit?agent=${CLINICIAN}`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('[data-testid=role-refused]')).toBeVisible();
  await expect(page.locator('[data-testid=role-refused]')).toContainText('auditor');
  await expect(page.locator('[data-testid=audit-results]')).toHaveCount(0);
  await expect(page.locator('[data-testid=current-user]')).toHaveAttribute('data-user-id', CLINICIAN);
  await expect(page.locator('[data-testid=audit-link]')).toHaveCount(0);
});

test('the auditor, in a browser of her own, finds what the clinician looked at: DURAND’s CT, its patient and site', async ({ browser }) => {
  if (!viewedFrom) throw new Error('the clinician’s view did not happen');
  const study = durandCt();
  const patient = await archivePatientOf(study);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${bed.gateway.url}/`);
    await signInOnProviderPage(page, bed.idp, AUDITOR);
    await expect(page.locator('[data-testid=current-user]')).toHaveAttribute('data-roles', 'auditor');
    await page.getByRole('button', { name: 'English' }).click();

    // The API first: the trail writes in batches, so wait (bounded) until the view is readable.
    const since = `ge${viewedFrom.toISOString()}`;
    const viewsOfStudy = async () => {
      const { status, events } = await auditEvents(page, { agent: CLINICIAN, entity: study.uid, date: since });
      expect(status).toBe(200);
      return events.filter((event) => isAction(event, 'study-view') && event.outcome === '0');
    };
    await expect.poll(async () => (await viewsOfStudy()).length, { timeout: TRAIL_WRITE_TIMEOUT_MS }).toBeGreaterThan(0);
    const [view] = await viewsOfStudy();
    expect(view?.agent[0]?.who?.identifier?.value).toBe(CLINICIAN);
    expect(view?.entity.find((entity) => entity.role.code === '1')?.what?.identifier).toMatchObject({ system: patient.system, value: patient.value });
    const studyEntity = view?.entity.find((entity) => entity.role.code === '4');
    expect(studyEntity?.what?.identifier?.value).toBe(`urn:oid:${study.uid}`);
    expect(studyEntity?.detail).toEqual([{ type: 'site', valueString: study.siteId }]);
    // Who looked at DURAND (at this site): the same view, asked by patient.
    const byPatient = await auditEvents(page, { patient: `${patient.system}|${patient.value}`, date: since });
    expect(byPatient.events.some((event) => isAction(event, 'study-view') && event.agent[0]?.who?.identifier?.value === CLINICIAN)).toBe(true);
    // The clinician's refused reading of the trail is in it too.
    await expect
      .poll(async () => (await auditEvents(page, { agent: CLINICIAN, date: since })).events.some((event) => isAction(event, 'audit-read') && event.outcome !== '0'), { timeout: TRAIL_WRITE_TIMEOUT_MS })
      .toBe(true);

    // The page: through the header's Audit link, then "what did this user look at".
    await page.locator('[data-testid=audit-link]').click();
    await expect(page).toHaveURL(`${bed.gateway.url}/audit`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    const userForm = page.getByTestId('audit-user-form');
    await userForm.getByLabel('User id').fill(CLINICIAN);
    await userForm.getByLabel('User id').press('Enter');
    await expect(page).toHaveURL(new RegExp(`/audit\\?agent=${CLINICIAN}$`));
    await expect(page.getByTestId('audit-results')).toHaveAttribute('data-state', 'ok');
    const row = page
      .locator(
        `[data-testid=audit-record][data-action=study-view][data-outcome=success][data-user-id="${CLINICIAN}"][data-study-uid="${study.uid}"][data-site-id="${study.siteId}"]`,
      )
      .first();
    await expect(row).toBeVisible();
    await expect(row).toHaveAttribute('data-patient', `${patient.system}|${patient.value}`);
    expect(new Date((await row.getAttribute('data-recorded')) ?? 0).getTime()).toBeGreaterThanOrEqual(viewedFrom.getTime() - 1000);
    await expect(row).toContainText('viewed a study');
    await expect(row).toContainText(patient.siteName);
    await expect(row).toContainText(patient.value);
  } finally {
    await context.close();
  }
});
