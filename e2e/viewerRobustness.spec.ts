/**
 * The stack viewer on awkward data from the real test bed: a series with one slice whose JPEG-LS codestream
 * is cut short shows an error on that slice only, its neighbours keep their pictures, and the page survives;
 * a 20-frame multi-frame instance scrolls frame by frame with the wheel.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoStudy } from './support/demoData.ts';
import { difference, expectPicture, openViewer, sampleCanvas } from './support/viewerCanvas.ts';

/** MARTIN Paul's October CT: 10 JPEG-LS slices, slice 5 (display index 4) undecodable. */
const corruptSeriesCt = () => demoStudy('chu/300042/ct-thorax-2026-10-20');
const corruptIndex = 4;
/** BERNARD Luc's multi-frame secondary capture: one instance of 20 frames. */
const multiframeCapture = () => demoStudy('cgfl/300042/ct-thorax-capture-2026-09-25');

/** Turns the wheel one notch over the viewport (positive: towards the end of the stack). */
async function wheelNotch(page: Page, viewport: Locator, direction: 1 | -1): Promise<void> {
  const box = await viewport.boundingBox();
  if (!box) throw new Error('viewport not laid out');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 100 * direction);
}

/** Turns the wheel notch by notch until the viewport asks for image `index`. */
async function wheelTo(page: Page, viewport: Locator, index: number): Promise<void> {
  for (let notch = 0; notch < 40; notch += 1) {
    const current = Number(await viewport.getAttribute('data-image-index'));
    if (current === index) return;
    await wheelNotch(page, viewport, index > current ? 1 : -1);
    await expect(viewport).not.toHaveAttribute('data-image-index', String(current));
  }
  throw new Error(`the wheel never reached image ${index}`);
}

test('a slice that cannot be decoded shows its error, its neighbours keep their pictures, the page survives', async ({ page }) => {
  const { viewport, pageErrors } = await openViewer(page, corruptSeriesCt());
  await expect(viewport).toHaveAttribute('data-image-count', '10');
  await expect(viewport).toHaveAttribute('data-image-index', '0');
  await expectPicture(viewport);

  await wheelTo(page, viewport, corruptIndex - 1);
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  const before = await expectPicture(viewport);

  await wheelTo(page, viewport, corruptIndex);
  await expect(viewport).toHaveAttribute('data-state', 'error');
  const reason = viewport.getByTestId('viewport-error');
  await expect(reason).toBeVisible();
  await expect(reason).toContainText(String(corruptIndex + 1));
  expect(((await reason.textContent()) ?? '').trim().length).toBeGreaterThan(10);

  await wheelTo(page, viewport, corruptIndex + 1);
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  await expect(reason).toHaveCount(0);
  const after = await expectPicture(viewport);
  // Two slices 10 mm apart: the picture is the next slice's, not the one shown before the failure.
  await expect.poll(async () => difference(before, await sampleCanvas(viewport))).toBeGreaterThan(0);
  expect(after.distinct).toBeGreaterThan(20);

  // Back over the bad slice to its other neighbour: the error comes and goes again.
  await wheelTo(page, viewport, corruptIndex);
  await expect(viewport).toHaveAttribute('data-state', 'error');
  await wheelTo(page, viewport, corruptIndex - 1);
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  await expectPicture(viewport);

  // The keys step over it as well, to the end of the series.
  await page.keyboard.press('End');
  await expect(viewport).toHaveAttribute('data-image-index', '9');
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  await expectPicture(viewport);
  expect(pageErrors).toEqual([]);
});

test('the 20-frame multi-frame capture scrolls frame by frame with the wheel', async ({ page }) => {
  const { viewport, pageErrors } = await openViewer(page, multiframeCapture());
  await expect(viewport).toHaveAttribute('data-image-count', '20');
  await expect(viewport).toHaveAttribute('data-image-index', '0');
  let previous = await expectPicture(viewport);
  for (let index = 1; index < 20; index += 1) {
    await wheelTo(page, viewport, index);
    await expect(viewport).toHaveAttribute('data-state', 'ready');
    const shown = previous;
    await expect.poll(async () => difference(shown, await sampleCanvas(viewport)), { message: `frame ${index + 1} shows a new picture` }).toBeGreaterThan(0);
    previous = await expectPicture(viewport);
  }
  await wheelTo(page, viewport, 0);
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  expect(pageErrors).toEqual([]);
});
