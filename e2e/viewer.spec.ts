/**
 * The stack viewer against the real test bed (Orthanc behind the gateway): a study opens on its image series
 * with real pixels, the wheel and keys move through slices in position order, the mouse and the number keys
 * set the window, and JPEG-LS, RLE and JPEG 2000 series all decode. Contract §4 attributes are what is read.
 */
import { expect, test } from '@playwright/test';
import { demoStudy } from './support/demoData.ts';
import { difference, expectPicture, openViewer, sampleCanvas, zOf } from './support/viewerCanvas.ts';

const chuCurrentCt = () => demoStudy('chu/A100001/ct-thorax-2026-11-18');
const chuPriorCtRle = () => demoStudy('chu/A100001/ct-thorax-2025-05-10');
const cgflTapJ2k = () => demoStudy('cgfl/B-778899/ct-tap-2026-06-30');


test('the current CT (JPEG-LS) opens on its image series with real pixels; the wheel, drag and presets work', async ({ page }) => {
  const { viewport, errors } = await openViewer(page, chuCurrentCt(), '?protocol=single-study');
  expect(errors).toEqual([]);
  await expect(viewport).toHaveAttribute('data-image-index', '0');
  await expect(viewport).toHaveAttribute('data-image-count', '120');
  await expect(viewport).toHaveAttribute('data-voi', /^-?\d+,\d+$/);
  await expect(viewport.getByTestId('overlay-patient')).toContainText('A100001');
  const firstPosition = await viewport.getAttribute('data-image-position');
  expect(firstPosition).toMatch(/^-?[\d.]+\\-?[\d.]+\\-?[\d.]+$/);
  const first = await expectPicture(viewport);

  // The wheel moves towards the feet: z decreases along the display order.
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let step = 0; step < 20; step += 1) await page.mouse.wheel(0, 100);
  await expect(viewport).not.toHaveAttribute('data-image-index', '0');
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  const index = Number(await viewport.getAttribute('data-image-index'));
  expect(index).toBeGreaterThan(0);
  expect(zOf(await viewport.getAttribute('data-image-position'))).toBeLessThan(zOf(firstPosition));
  await expect.poll(async () => difference(first, await sampleCanvas(viewport))).toBeGreaterThan(50);

  // Keys step through the stack.
  await page.keyboard.press('Home');
  await expect(viewport).toHaveAttribute('data-image-index', '0');
  await expect(viewport).toHaveAttribute('data-image-position', firstPosition!);
  await page.keyboard.press('End');
  await expect(viewport).toHaveAttribute('data-image-index', '119');
  await page.keyboard.press('ArrowUp');
  await expect(viewport).toHaveAttribute('data-image-index', '118');

  // Left drag changes the window.
  const voiBefore = await viewport.getAttribute('data-voi');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 6 });
  await page.mouse.up();
  await expect(viewport).not.toHaveAttribute('data-voi', voiBefore!);

  // Key 2: the lung window; key 1: the image's own window back.
  await page.keyboard.press('2');
  await expect(viewport).toHaveAttribute('data-voi', '-600,1500');
  await page.keyboard.press('1');
  await expect(viewport).toHaveAttribute('data-voi', voiBefore!);
});

for (const [syntax, study] of [
  ['RLE', chuPriorCtRle],
  ['JPEG 2000', cgflTapJ2k],
] as const) {
  test(`a ${syntax} CT series renders`, async ({ page }) => {
    const { viewport, errors } = await openViewer(page, study());
    expect(errors).toEqual([]);
    await expectPicture(viewport);
    await page.keyboard.press('PageDown');
    await expect(viewport).not.toHaveAttribute('data-image-index', '0');
    await expect(viewport).toHaveAttribute('data-state', 'ready');
  });
}
