/**
 * The audit trail against the real test bed (Orthanc behind the gateway, the trail in PostgreSQL), without sign-in:
 * the local user, who has every role. A study opened in the viewer is in `GET /audit/AuditEvent` (contract §5) with
 * the archive's Patient ID and its site's identifier system, the study and the site; the audit page shows it for
 * that patient and for that user, in English and in French.
 */
import { expect, test } from '@playwright/test';
import { chu, demoStudy } from './support/demoData.ts';
import { gatewayUrl } from './support/testbedInfo.ts';
import { openViewer } from './support/viewerCanvas.ts';

const durandCt = () => demoStudy('chu/A100001/ct-thorax-2026-11-18');

interface AuditEventJson {
  subtype: { system?: string; code: string }[];
  outcome: string;
  recorded: string;
  agent: { who?: { identifier?: { value: string } } }[];
  entity: { what?: { identifier?: { system?: string; value: string } }; role: { code: string }; detail?: { type: string; valueString: string }[] }[];
}

test('a study opened in the viewer is in the audit trail, and the audit page shows it in English and French', async ({ page }) => {
  const study = durandCt();
  const { errors } = await openViewer(page, study, '?protocol=single-study');
  expect(errors).toEqual([]);

  // The API: the view, by the local user, with the archive's patient, the study and the site.
  const views = async () => {
    const answer = await page.request.get(`${gatewayUrl()}/audit/AuditEvent?entity=${study.uid}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toContain('application/fhir+json');
    expect(answer.headers()['cache-control']).toBe('no-store');
    const bundle = (await answer.json()) as { resourceType: string; entry: { resource: AuditEventJson }[] };
    expect(bundle.resourceType).toBe('Bundle');
    return bundle.entry.map((entry) => entry.resource).filter((event) => event.subtype.some((coding) => coding.code === 'study-view') && event.outcome === '0');
  };
  await expect.poll(async () => (await views()).length).toBeGreaterThan(0);
  const [view] = await views();
  expect(view?.agent[0]?.who?.identifier?.value).toBe('local');
  const patient = view?.entity.find((entity) => entity.role.code === '1');
  expect(patient?.what?.identifier).toMatchObject({ system: chu.patientIdSystem, value: 'A100001' });
  const studyEntity = view?.entity.find((entity) => entity.role.code === '4');
  expect(studyEntity?.what?.identifier?.value).toBe(`urn:oid:${study.uid}`);
  expect(studyEntity?.detail).toEqual([{ type: 'site', valueString: study.siteId }]);

  // The page, asked through its form: who looked at this patient.
  await page.goto(`${gatewayUrl()}/audit`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
  const patientForm = page.getByTestId('audit-patient-form');
  await patientForm.getByLabel('Identifier system').selectOption(chu.patientIdSystem);
  await patientForm.getByLabel('Patient ID').fill('A100001');
  await patientForm.getByLabel('Patient ID').press('Enter');
  await expect(page.getByTestId('audit-results')).toHaveAttribute('data-state', 'ok');
  const row = page.locator(
    `[data-testid=audit-record][data-action=study-view][data-outcome=success][data-study-uid="${study.uid}"][data-site-id="${study.siteId}"][data-patient="${chu.patientIdSystem}|A100001"]`,
  );
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toHaveAttribute('data-user-id', 'local');
  await expect(row.first()).toContainText('viewed a study');
  await expect(row.first()).toContainText(chu.name);

  // In French, the same records.
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Journal d’audit');
  await expect(row.first()).toContainText('a consulté un examen');
  await expect(page.getByRole('columnheader', { name: 'Quand' })).toBeVisible();

  // What did this user look at: from the user in the row, the keyboard reaches it.
  await row.first().getByRole('button', { name: 'local' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/audit\?agent=local$/);
  await expect(page.getByTestId('audit-results')).toHaveAttribute('data-state', 'ok');
  await expect(page.locator(`[data-testid=audit-record][data-action=study-view][data-study-uid="${study.uid}"]`).first()).toBeVisible();
});
