/**
 * Prior comparison across sites, end to end against the two Orthanc archives and the PIXm service: a launch link
 * to the cross-referenced patient's current CT opens it beside the relevant prior from the other hospital, says
 * why that prior, and scrolls the two together by patient position. A patient ID shared by two different people
 * never brings the other person's study.
 */
import { expect, test, type Locator } from '@playwright/test';
import { cgfl, demoStudy, durand, martin } from './support/demoData.ts';
import { expectPicture, zOf } from './support/viewerCanvas.ts';
import { gatewayUrl } from './support/testbedInfo.ts';

async function z(viewport: Locator): Promise<number> {
  return zOf(await viewport.getAttribute('data-image-position'));
}

test('an IID STUDY link opens the current CT beside the other site’s prior, with the reason, scrolled together by position', async ({ page }) => {
  const current = demoStudy('chu/A100001/ct-thorax-2026-11-18');
  const prior = durand.cgflTap;
  await page.goto(`${gatewayUrl()}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${current.uid}`);

  const left = page.locator('[data-testid=viewport][data-viewport-index="0"]');
  const right = page.locator('[data-testid=viewport][data-viewport-index="1"]');
  await expect(left).toHaveAttribute('data-study-uid', current.uid, { timeout: 45_000 });
  await expect(left).toHaveAttribute('data-site-id', current.siteId);
  await expect(right).toHaveAttribute('data-study-uid', prior.uid, { timeout: 45_000 });
  await expect(right).toHaveAttribute('data-site-id', prior.siteId);
  await expect(left).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(right).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expectPicture(left);
  await expectPicture(right);

  const reason = page.getByTestId('prior-reason');
  await expect(reason).toContainText('30/06/2026');
  await expect(reason).toContainText(cgfl.name);
  await expect(reason).toContainText('CT');
  await expect(reason).toHaveAttribute('data-study-uid', prior.uid);
  await expect(left).toHaveAttribute('data-sync', /scroll/);
  await expect(right).toHaveAttribute('data-sync', /scroll/);

  // Scroll the current CT (2.5 mm slices) well into the chest: the prior (5 mm) follows to the nearest position.
  await left.hover();
  for (let step = 0; step < 30; step += 1) await page.mouse.wheel(0, 100);
  await expect.poll(async () => Number(await left.getAttribute('data-image-index'))).toBeGreaterThanOrEqual(25);
  await expect(right).toHaveAttribute('data-state', 'ready');
  await expect.poll(async () => Math.abs((await z(left)) - (await z(right)))).toBeLessThanOrEqual(5);
  const before = await z(right);

  // Keys too: ten slices down in the current, the prior follows.
  await left.focus();
  for (let step = 0; step < 10; step += 1) await page.keyboard.press('ArrowDown');
  await expect.poll(async () => Math.abs((await z(left)) - (await z(right)))).toBeLessThanOrEqual(5);
  expect(await z(right)).not.toBe(before);
});

test('the prior of MARTIN (300042 at CHU) is his own earlier CT, never the study of BERNARD who has the same ID at CGFL', async ({ page }) => {
  const [newest, earlier] = martin.studies.sort((a, b) => (a.date < b.date ? 1 : -1));
  if (!newest || !earlier) throw new Error('MARTIN needs two studies in the demo');
  await page.goto(`${gatewayUrl()}/viewer/${newest.siteId}/${newest.uid}`);
  const right = page.locator('[data-testid=viewport][data-viewport-index="1"]');
  await expect(right).toHaveAttribute('data-study-uid', earlier.uid, { timeout: 45_000 });
  await expect(right).toHaveAttribute('data-site-id', earlier.siteId);
  await expect(page.getByTestId('prior-reason')).toHaveAttribute('data-study-uid', earlier.uid);
  const options = page.locator('select[name=comparisonStudy] option');
  await expect(options.first()).toBeAttached();
  for (const value of await options.evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value))) {
    expect(value.startsWith('cgfl-bourgogne/')).toBe(false);
  }
});

test('another study of the timeline replaces the prior in one action', async ({ page }) => {
  const current = demoStudy('chu/A100001/ct-thorax-2026-11-18');
  const older = demoStudy('chu/A100001/ct-thorax-2025-05-10');
  await page.goto(`${gatewayUrl()}/viewer/${current.siteId}/${current.uid}`);
  const right = page.locator('[data-testid=viewport][data-viewport-index="1"]');
  await expect(right).toHaveAttribute('data-study-uid', durand.cgflTap.uid, { timeout: 45_000 });
  await page.locator('select[name=comparisonStudy]').selectOption(`${older.siteId}/${older.uid}`);
  await expect(right).toHaveAttribute('data-study-uid', older.uid);
  await expect(right).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expectPicture(right);
  await expect(page.getByTestId('prior-reason')).toHaveAttribute('data-study-uid', older.uid);
});

test('an MR without prior opens on the MR sequences protocol: T1 and T2 side by side, scrolling together', async ({ page }) => {
  const mr = demoStudy('chu/A100001/irm-cerebrale-2026-01-02');
  await page.goto(`${gatewayUrl()}/viewer/${mr.siteId}/${mr.uid}`);
  await expect(page.locator('select[name=hangingProtocol]')).toHaveValue('mr-multi-sequence', { timeout: 45_000 });
  const viewports = page.getByTestId('viewport');
  await expect(viewports).toHaveCount(2);
  const left = viewports.nth(0);
  const right = viewports.nth(1);
  await expect(left).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(right).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  expect(await left.getAttribute('data-series-uid')).not.toBe(await right.getAttribute('data-series-uid'));
  await expectPicture(right);
  await expect(page.getByTestId('no-prior')).toBeVisible();

  await left.hover();
  for (let step = 0; step < 8; step += 1) await page.mouse.wheel(0, 100);
  await expect.poll(async () => Number(await left.getAttribute('data-image-index'))).toBeGreaterThanOrEqual(4);
  await expect.poll(async () => Math.abs((await z(left)) - (await z(right)))).toBeLessThanOrEqual(1);
});
