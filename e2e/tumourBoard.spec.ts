/**
 * Tumour board against the real test bed (two Orthanc archives, the demo PIXm, the gateway): studies added from
 * the worklist, presented side by side under patient banners whose colours tell people apart — even two people
 * sharing a Patient ID at two sites — with real pixels on every canvas, a following window moved by the
 * presenter over BroadcastChannel, and the images withheld when a series does not belong to the banner's
 * patient.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BOARD_STORAGE_KEY, serializeBoardSession } from '../src/domain/board/boardStorage.ts';
import type { BoardItem } from '../src/domain/board/boardSession.ts';
import { bernard, cgfl, chu, demoStudy, durand, lefevre, martin, type ExpectedStudy } from './support/demoData.ts';
import { gatewayUrl } from './support/testbedInfo.ts';
import { expectPicture } from './support/viewerCanvas.ts';
import { groupWithKey, studyRow, worklistUrl } from './support/worklistPage.ts';

const durandCt = () => demoStudy('chu/A100001/ct-thorax-2026-11-18');
const lefevreCt = () => demoStudy('chu/A100002/ct-abdomen-2026-10-02');
const martinCt = () => demoStudy('chu/300042/ct-thorax-2026-08-15');
const bernardRadio = () => demoStudy('cgfl/300042/radio-thorax-2026-09-20');

/** CSP refusals and uncaught exceptions seen by the page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Presses the study row's board toggle and checks it now shows the study as added. */
async function addToBoard(page: Page, groupKey: string, study: ExpectedStudy): Promise<void> {
  const toggle = studyRow(groupWithKey(page, groupKey), study.uid).locator('[data-testid=board-toggle]');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
}

function banner(page: Page, key: string): Locator {
  return page.locator(`[data-testid=patient-banner][data-patient-key="${key}"]`);
}

/** Every board viewport shown ready, each canvas a real picture. */
async function expectPictures(page: Page, count: number): Promise<void> {
  const viewports = page.locator('[data-testid=board-item] [data-testid=viewport]');
  await expect(viewports).toHaveCount(count);
  for (let index = 0; index < count; index += 1) {
    await expect(viewports.nth(index)).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expectPicture(viewports.nth(index));
  }
}

test('DURAND and LEFÈVRE added from the worklist are presented side by side, and a following window moves with the presenter', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto(worklistUrl(gatewayUrl(), { patientId: 'A100001', patientIdSite: chu.id }));
  await addToBoard(page, durand.key, durandCt());
  await page.goto(worklistUrl(gatewayUrl(), { patientName: 'lefevre' }));
  await addToBoard(page, lefevre.key, lefevreCt());

  const indicator = page.locator('[data-testid=board-indicator]');
  await expect(indicator).toHaveAttribute('data-count', '2');
  await indicator.click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.locator('[data-testid=board-agenda-item]')).toHaveCount(2);
  await page.getByRole('radio', { name: 'Side by side' }).check();

  await expectPictures(page, 2);
  const durandBanner = banner(page, durand.key);
  const lefevreBanner = banner(page, lefevre.key);
  await expect(durandBanner).toContainText('DURAND');
  await expect(durandBanner).toContainText(chu.name);
  await expect(durandBanner).not.toContainText('LEFÈVRE');
  await expect(lefevreBanner).toContainText('LEFÈVRE');
  await expect(lefevreBanner).not.toContainText('DURAND');
  const colours = [await durandBanner.getAttribute('data-banner-color'), await lefevreBanner.getAttribute('data-banner-color')];
  expect(colours[0]).toMatch(/^#[0-9a-f]{6}$/);
  expect(colours[0]).not.toBe(colours[1]);

  const follower = await context.newPage();
  const followerErrors = watchErrors(follower);
  await follower.goto(`${gatewayUrl()}/board/present?follow=1`);
  const presentation = follower.locator('[data-testid=board-presentation]');
  await expect(follower.locator('[data-testid=board-following]')).toBeVisible();
  await expect(presentation).toHaveAttribute('data-role', 'follower');
  await expect(presentation).toHaveAttribute('data-layout', 'grid');
  await expect(presentation).toHaveAttribute('data-index', '0');

  await page.getByRole('radio', { name: 'One after another' }).check();
  await expect(presentation).toHaveAttribute('data-layout', 'sequence');
  await expect(follower.locator('[data-testid=patient-banner]')).toHaveAttribute('data-patient-key', durand.key);

  await page.locator('[data-testid=board-next]').click();
  await expect(page.locator('[data-testid=board-page]')).toHaveAttribute('data-index', '1');
  await expect(presentation).toHaveAttribute('data-index', '1');
  await expect(follower.locator('[data-testid=patient-banner]')).toHaveAttribute('data-patient-key', lefevre.key);
  await expect(follower.locator('[data-testid=patient-banner]')).toContainText('LEFÈVRE');
  await expectPictures(follower, 1);

  // The keyboard: P goes back (the plain arrows stay with the slices).
  await page.locator('[data-testid=board-page] h1').click();
  await page.keyboard.press('p');
  await expect(presentation).toHaveAttribute('data-index', '0');
  await expect(follower.locator('[data-testid=patient-banner]')).toHaveAttribute('data-patient-key', durand.key);
  expect(errors).toEqual([]);
  expect(followerErrors).toEqual([]);
});

test('MARTIN (300042 at chu) and BERNARD (300042 at cgfl) share a Patient ID but get two colours, each banner naming the right person', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(worklistUrl(gatewayUrl(), { patientId: '300042' }));
  await addToBoard(page, martin.key, martinCt());
  await addToBoard(page, bernard.key, bernardRadio());
  await page.goto(`${gatewayUrl()}/board/present`);
  await page.getByRole('radio', { name: 'Side by side' }).check();

  await expectPictures(page, 2);
  const martinBanner = banner(page, martin.key);
  const bernardBanner = banner(page, bernard.key);
  await expect(martinBanner).toContainText('MARTIN');
  await expect(martinBanner).toContainText(chu.name);
  await expect(martinBanner).not.toContainText('BERNARD');
  await expect(bernardBanner).toContainText('BERNARD');
  await expect(bernardBanner).toContainText(cgfl.name);
  await expect(bernardBanner).not.toContainText('MARTIN');
  await expect(martinBanner).toContainText('300042');
  await expect(bernardBanner).toContainText('300042');
  expect(await martinBanner.getAttribute('data-banner-color')).not.toBe(await bernardBanner.getAttribute('data-banner-color'));
  await expect(page.locator('[data-testid=identity-mismatch]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a board item whose series belongs to another patient shows no image, only the error; corrupt stored data empties the board with a message', async ({ page }) => {
  const study = bernardRadio();
  // BERNARD's radiograph filed under MARTIN's identity (chu's issuer): the series' own Patient ID and issuer differ.
  const wrong: BoardItem = {
    siteId: study.siteId as BoardItem['siteId'],
    studyUid: study.uid as BoardItem['studyUid'],
    patient: { key: martin.key as BoardItem['patient']['key'], name: 'MARTIN Paul', birthDate: '19450921', sex: 'M', siteName: cgfl.name, patientId: '300042', issuerOfPatientId: chu.issuerOfPatientId },
    studyDate: study.date,
    description: study.description,
    modalities: ['CR'],
  };
  await page.goto(`${gatewayUrl()}/board`);
  await page.evaluate(([key, value]) => window.localStorage.setItem(key, value), [BOARD_STORAGE_KEY, serializeBoardSession({ items: [wrong] })] as const);
  await page.reload();
  const mismatch = page.locator('[data-testid=identity-mismatch]');
  await expect(mismatch).toBeVisible({ timeout: 30_000 });
  await expect(mismatch).toContainText(cgfl.issuerOfPatientId);
  await expect(page.locator('[data-testid=board-item] canvas')).toHaveCount(0);
  await expect(page.locator('[data-testid=board-item] [data-testid=viewport]')).toHaveAttribute('data-state', 'error');

  await page.evaluate((key) => window.localStorage.setItem(key, '{"version":1,"items":[{"siteId":"../x","url":"https://elsewhere.example/"}]}'), BOARD_STORAGE_KEY);
  await page.reload();
  await expect(page.locator('[data-testid=board-storage-problem]')).toHaveAttribute('data-problem', 'invalid');
  await expect(page.locator('[data-testid=board-empty]')).toBeVisible();
  await expect(page.locator('[data-testid=board-indicator]')).toHaveAttribute('data-count', '0');
});
