/**
 * The viewer's workspace against the real test bed: the series browser, layouts, thumbnails into the active
 * viewport, invert, orientation markers and a length measurement. Contract §4 attributes are what is read.
 */
import { expect, test, type Locator } from '@playwright/test';
import { cleanupAfterEach } from './support/cleanupAfterEach.ts';
import { demoStudy, projectRoot } from './support/demoData.ts';
import { startGateway } from './support/startGateway.ts';
import { testbedInfo } from './support/testbedInfo.ts';
import { readConfigFile, writeVariantConfig } from './support/variantConfig.ts';
import { difference, expectPicture, openViewer, sampleCanvas } from './support/viewerCanvas.ts';

const chuCurrentCt = () => demoStudy('chu/A100001/ct-thorax-2026-11-18');
const chuBrainMr = () => demoStudy('chu/A100001/irm-cerebrale-2026-01-02');

const cleanups = cleanupAfterEach();

/** The width, in CSS pixels, of what is brighter than air on the canvas's middle row (the body's outline). */
async function bodyWidth(viewport: Locator): Promise<number> {
  return viewport.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (!context) throw new Error('no 2D context');
    context.drawImage(canvas, 0, 0);
    const row = context.getImageData(0, Math.floor(canvas.height / 2), canvas.width, 1).data;
    let first = -1;
    let last = -1;
    for (let x = 0; x < canvas.width; x += 1) {
      if ((row[x * 4] ?? 0) > 60) {
        if (first < 0) first = x;
        last = x;
      }
    }
    return first < 0 ? 0 : ((last - first + 1) * canvas.clientWidth) / canvas.width;
  });
}

test('the CT: series browser with its report, orientation markers, invert and a length in mm', async ({ page }) => {
  const { viewport, errors } = await openViewer(page, chuCurrentCt(), '?protocol=single-study');
  const tiles = page.getByTestId('series-tile');
  await expect(tiles).toHaveCount(2);
  await expect(page.locator('[data-testid=series-tile][data-modality=CT]')).toHaveAttribute('data-kind', 'image');
  await expect(page.locator('[data-testid=series-tile][data-modality=SR]')).toHaveAttribute('data-kind', 'document');
  await expect(page.locator('[data-testid=series-tile][data-modality=SR]')).toContainText('report/document');
  await expect(page.locator('[data-testid=series-tile][data-modality=CT] button')).toHaveAttribute('aria-pressed', 'true');

  const markers = viewport.getByTestId('orientation-markers');
  await expect(markers.locator('[data-edge=left]')).toHaveText('R');
  await expect(markers.locator('[data-edge=right]')).toHaveText('L');
  await expect(markers.locator('[data-edge=top]')).toHaveText('A');
  await expect(markers.locator('[data-edge=bottom]')).toHaveText('P');

  const before = await expectPicture(viewport);
  await page.keyboard.press('i');
  await expect.poll(async () => difference(before, await sampleCanvas(viewport))).toBeGreaterThan(500);

  await page.getByRole('button', { name: 'Length' }).click();
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  await expect(viewport.locator('svg text').first()).toHaveText(/^\d+(\.\d+)? mm$/);
  await page.screenshot({ path: test.info().outputPath('ct-workspace.png') });
  expect(errors).toEqual([]);
});

test('the MR: a thumbnail loads its series into the active viewport; 1×2 shows both series; a dropped series replaces one', async ({ page }) => {
  // One viewport to start from: the MR protocol would show T1 and T2 side by side (tested in priorComparison).
  const { viewport, errors } = await openViewer(page, chuBrainMr(), '?protocol=single-study');
  await expect(page.getByTestId('viewport')).toHaveCount(1);
  const shown = await viewport.getAttribute('data-series-uid');
  await expect(page.getByTestId('series-thumbnail')).toHaveCount(2);
  // The other series' thumbnail is its middle image decoded in the page, never the archive's rendering: a picture.
  const otherThumbnail = page.locator(`[data-testid=series-tile]:not([data-series-uid="${shown}"]) canvas[data-testid=series-thumbnail]`);
  await expect(otherThumbnail).toHaveCount(1);
  await expect
    .poll(() =>
      otherThumbnail.evaluate((canvas: HTMLCanvasElement) => {
        const copy = document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        const context = copy.getContext('2d');
        if (!context || canvas.width === 0) return 0;
        context.drawImage(canvas, 0, 0);
        const { data } = context.getImageData(0, 0, copy.width, copy.height);
        const levels = new Set<number>();
        for (let index = 0; index < data.length; index += 4) levels.add(data[index] ?? 0);
        return levels.size;
      }),
    )
    .toBeGreaterThan(10);
  const other = page.locator(`[data-testid=series-tile][data-kind=image]:not([data-series-uid="${shown}"]) button`);
  await expect(other).toHaveCount(1);
  await other.click();
  await expect(viewport).not.toHaveAttribute('data-series-uid', shown!);
  await expect(viewport).toHaveAttribute('data-state', 'ready');

  await page.getByRole('button', { name: 'Layout 1×2' }).click();
  const viewports = page.getByTestId('viewport');
  await expect(viewports).toHaveCount(2);
  const second = page.locator('[data-testid=viewport][data-viewport-index="1"]');
  await expect(second).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(second).toHaveAttribute('data-series-uid', shown!);
  expect(await viewport.getAttribute('data-series-uid')).not.toBe(shown);
  await expectPicture(viewport);
  await expectPicture(second);
  await page.screenshot({ path: test.info().outputPath('mr-1x2.png') });

  // Dropping a series on a viewport puts it there.
  const t2 = (await viewport.getAttribute('data-series-uid'))!;
  // A drag as a hand makes it: press, several moves over the target, release. Playwright's one-move dragTo can
  // release before a busy renderer has started the drag session, and then nothing is dropped.
  const source = await page.locator(`[data-testid=series-tile][data-series-uid="${t2}"] button`).boundingBox();
  const target = await second.boundingBox();
  if (!source || !target) throw new Error('the series tile or the second viewport is not on screen');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 10, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(second).toHaveAttribute('data-series-uid', t2);
  await expect(second).toHaveAttribute('data-state', 'ready');
  expect(errors).toEqual([]);
});

for (const renderPath of ['gpu', 'cpu'] as const) {
  test(`zoom on the ${renderPath} path reads relative to the fitted image: right-drag changes it, 1:1 shows one image pixel per screen pixel, fit restores`, async ({ page }) => {
    const variant = writeVariantConfig(readConfigFile(testbedInfo().configFile), (config) => {
      config.viewer = { renderPath };
    });
    cleanups.push(() => variant.remove());
    const gateway = await startGateway(variant.file, projectRoot);
    cleanups.push(() => gateway.stop());
    const base = gateway.url;
    const study = chuCurrentCt();
    await page.goto(`${base}/viewer/${study.siteId}/${study.uid}?protocol=single-study`);
    const viewport = page.locator('[data-testid=viewport][data-viewport-index="0"]');
    await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
    await expect(page.locator('html')).toHaveAttribute('data-render-path', renderPath);
    const zoom = viewport.getByTestId('overlay-zoom');
    await expect(zoom).toHaveText('Zoom 1.00');
    await expectPicture(viewport);
    const fitted = await bodyWidth(viewport);
    expect(fitted).toBeGreaterThan(100);

    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 80, { steps: 8 });
    await page.mouse.up({ button: 'right' });
    await expect(zoom).not.toHaveText('Zoom 1.00');

    // The CT is 512 × 512 with square pixels: at 1:1 its 512 pixels take 512 CSS pixels.
    await page.locator('button[data-command=actualSize]').click();
    const canvas = viewport.locator('canvas').first();
    const fitScale = await canvas.evaluate((element: HTMLCanvasElement) => Math.min(element.clientWidth, element.clientHeight) / 512);
    await expect(zoom).toHaveText(`Zoom ${(1 / fitScale).toFixed(2)}`);
    await expect.poll(async () => (await bodyWidth(viewport)) / fitted).toBeCloseTo(1 / fitScale, 1);

    await page.locator('button[data-command=fit]').click();
    await expect(zoom).toHaveText('Zoom 1.00');
    await expect.poll(() => bodyWidth(viewport)).toBeCloseTo(fitted, -1);
  });
}
