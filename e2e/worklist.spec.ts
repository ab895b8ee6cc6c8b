/**
 * The cross-site worklist against the real test bed (two Orthanc archives and the demo PIXm behind the gateway):
 * one person's studies from both sites in one timeline, two people sharing a patient ID never merged, accents,
 * site statuses, keyboard use and the French UI.
 */
import { expect, test } from '@playwright/test';
import { bernard, cgfl, chu, durand, lefevre, martin } from './support/demoData.ts';
import { gatewayUrl } from './support/testbedInfo.ts';
import {
  expectDurandTimeline,
  expectEverySiteOk,
  focusedStudyLink,
  groupSummaries,
  groupWithKey,
  labelOf,
  rowsOf,
  type RowSummary,
  siteStatus,
  studyRow,
  worklistUrl,
} from './support/worklistPage.ts';

test('searching "durand" by name shows one linked timeline with the studies of both sites, newest first', async ({ page }) => {
  await page.goto(`${gatewayUrl()}/`);
  await page.locator('input[name=patientName]').fill('durand');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/[?&]patientName=durand(&|$)/);

  await expectDurandTimeline(page);
  expect(new Set(durand.studies.map((study) => study.siteId))).toEqual(new Set([chu.id, cgfl.id]));
  const group = groupWithKey(page, durand.key);
  await expect(group).toContainText('DURAND');
  await expect(group).toContainText('A100001');
  await expect(group).toContainText('B-778899');

  const tap = studyRow(group, durand.cgflTap.uid);
  await expect(tap).toHaveAttribute('data-site-id', cgfl.id);
  await expect(tap).toContainText('TDM TAP');
  await expect(tap).toContainText(cgfl.name);

  // DURAND^MARIE CLAIRE (chu) and DURAND^MARIE-CLAIRE (cgfl): same birth date and sex, so no such warning.
  await expect(group.locator('[data-testid=identity-warning]').filter({ hasText: /birth|naissance|\bsex|sexe/i })).toHaveCount(0);
  await expectEverySiteOk(page);
});

test('searching patient ID A100001 at the chu site finds the cgfl studies too, and a study row opens the viewer', async ({ page }) => {
  await page.goto(`${gatewayUrl()}/`);
  await page.locator('select[name=patientIdSite]').selectOption(chu.id);
  await page.locator('input[name=patientId]').fill('A100001');
  await page.locator('input[name=patientId]').press('Enter');
  await expect(page).toHaveURL(/[?&]patientId=A100001(&|$)/);
  await expect(page).toHaveURL(new RegExp(`[?&]patientIdSite=${chu.id}(&|$)`));

  await expectDurandTimeline(page);
  await expectEverySiteOk(page);

  const tap = studyRow(groupWithKey(page, durand.key), durand.cgflTap.uid);
  await tap.getByRole('link').first().click();
  const viewer = page.locator('[data-testid=viewer-page]');
  await expect(viewer).toHaveAttribute('data-study-uid', durand.cgflTap.uid);
  await expect(viewer).toHaveAttribute('data-site-id', cgfl.id);
  await expect(viewer).toHaveAttribute('data-patient-key', durand.key);
  await expect(page).toHaveURL(new RegExp(`/viewer/${cgfl.id}/${durand.cgflTap.uid.replace(/\./g, '\\.')}(\\?|$)`));
});

test('patient ID 300042 at every site shows two people, never merged; "martin" never shows BERNARD', async ({ page }) => {
  await page.goto(worklistUrl(gatewayUrl(), { patientId: '300042' }));
  await expect(page.locator('select[name=patientIdSite]')).toHaveValue('');
  await expect
    .poll(async () => (await groupSummaries(page)).sort((a, b) => String(a.key).localeCompare(String(b.key))), {
      message: 'MARTIN (chu) and BERNARD (cgfl) in two separate groups',
    })
    .toEqual(
      [
        { key: martin.key, linkState: 'single-site', rows: rowsOf(martin.studies) },
        { key: bernard.key, linkState: 'single-site', rows: rowsOf(bernard.studies) },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
  await expect(groupWithKey(page, martin.key)).toContainText('MARTIN');
  await expect(groupWithKey(page, martin.key)).not.toContainText('BERNARD');
  await expect(groupWithKey(page, bernard.key)).toContainText('BERNARD');
  await expect(groupWithKey(page, bernard.key)).not.toContainText('MARTIN');
  await expectEverySiteOk(page);

  const name = page.locator('input[name=patientName]');
  await page.locator('input[name=patientId]').fill('');
  await name.fill('martin');
  await name.press('Enter');
  await expect(page).toHaveURL(/[?&]patientName=martin(&|$)/);
  await expect.poll(() => groupSummaries(page)).toEqual([{ key: martin.key, linkState: 'single-site', rows: rowsOf(martin.studies) }]);
  await expectEverySiteOk(page);
  await expect(page.locator('[data-testid=patient-group]')).toHaveCount(1);
  await expect(page.locator('body')).not.toContainText('BERNARD');
  for (const study of bernard.studies) await expect(studyRow(page, study.uid)).toHaveCount(0);
});

test('"lefevre" (no accent, lower case) finds LEFÈVRE, Hélène, shown with her accents', async ({ page }) => {
  await page.goto(worklistUrl(gatewayUrl(), { patientName: 'lefevre' }));
  await expect.poll(() => groupSummaries(page)).toEqual([{ key: lefevre.key, linkState: 'single-site', rows: rowsOf(lefevre.studies) }]);
  const group = groupWithKey(page, lefevre.key);
  await expect(group).toContainText('LEFÈVRE, Hélène');
  await expect(group).not.toContainText('Ã');
  await expect(group).toContainText('A100002');
  await expectEverySiteOk(page);
});

test('keyboard only: type a name, Enter searches, Tab reaches a study link, Enter opens it', async ({ page }) => {
  await page.goto(`${gatewayUrl()}/`);
  await page.locator('input[name=patientName]').focus();
  await page.keyboard.type('durand');
  await page.keyboard.press('Enter');
  await expectDurandTimeline(page);

  let focused: RowSummary | null = null;
  for (let presses = 0; presses < 80 && !focused; presses += 1) {
    await page.keyboard.press('Tab');
    focused = await focusedStudyLink(page);
  }
  expect(focused, 'Tab reaches a study link within 80 presses').not.toBeNull();
  if (!focused) return;
  expect(rowsOf(durand.studies)).toContainEqual(focused);

  await page.keyboard.press('Enter');
  const viewer = page.locator('[data-testid=viewer-page]');
  await expect(viewer).toHaveAttribute('data-study-uid', String(focused.uid));
  await expect(viewer).toHaveAttribute('data-site-id', String(focused.site));
  await expect(viewer).toHaveAttribute('data-patient-key', durand.key);
});

test('in French, the search form and the dates are French', async ({ page }) => {
  await page.goto(`${gatewayUrl()}/`);
  const nameInput = page.locator('input[name=patientName]');
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeVisible();
  const englishLabel = await labelOf(nameInput);
  expect(englishLabel).not.toBe('');

  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: 'Rechercher', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toHaveCount(0);
  const frenchLabel = await labelOf(nameInput);
  expect(frenchLabel).not.toBe('');
  expect(frenchLabel).not.toBe(englishLabel);
  expect(frenchLabel).toMatch(/nom/i);

  await nameInput.fill('durand');
  await nameInput.press('Enter');
  await expectDurandTimeline(page);
  // 2026-06-30 reads day first in French (30/06/2026 or 30 juin 2026), never 06/30/2026.
  const tap = studyRow(page, durand.cgflTap.uid);
  await expect(tap).toContainText(/30\/06\/2026|30 juin 2026/);
  await expect(tap).not.toContainText('06/30/2026');
  await expect(siteStatus(page, cgfl.id)).toContainText(/\d+\s*ms/);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeVisible();
});
