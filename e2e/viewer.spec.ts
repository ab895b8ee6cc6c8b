/**
 * The stack viewer against the real test bed (Orthanc behind the gateway): a study opens on its image series
 * with real pixels, the wheel and keys move through slices in position order, the mouse and the number keys
 * set the window, and JPEG-LS, RLE and JPEG 2000 series all decode. Contract §4 attributes are what is read.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoStudy, type ExpectedStudy } from './support/demoData.ts';
import { gatewayUrl } from './support/testbedInfo.ts';

const chuCurrentCt = () => demoStudy('chu/A100001/ct-thorax-2026-11-18');
const chuPriorCtRle = () => demoStudy('chu/A100001/ct-thorax-2025-05-10');
const cgflTapJ2k = () => demoStudy('cgfl/B-778899/ct-tap-2026-06-30');

/** Opens the viewer on a study and waits for its first image; fails on any console error (CSP included). */
async function openViewer(page: Page, study: ExpectedStudy): Promise<Locator> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${gatewayUrl()}/viewer/${study.siteId}/${study.uid}`);
  const viewport = page.locator('[data-testid=viewport]');
  await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(viewport).toHaveAttribute('data-study-uid', study.uid);
  await expect(viewport).toHaveAttribute('data-site-id', study.siteId);
  await expect(viewport).toHaveAttribute('data-viewport-index', '0');
  expect(errors).toEqual([]);
  return viewport;
}

interface CanvasSample {
  distinct: number;
  /** A coarse fingerprint of the picture: mean grey of an 8 × 8 grid. */
  grid: number[];
}

/** Reads the viewport's canvas back: how many grey levels it shows and a coarse fingerprint. */
async function sampleCanvas(viewport: Locator): Promise<CanvasSample> {
  return viewport.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (!context) throw new Error('no 2D context');
    context.drawImage(canvas, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height);
    const levels = new Set<number>();
    const sums = new Array<number>(64).fill(0);
    const counts = new Array<number>(64).fill(0);
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        const offset = (y * width + x) * 4;
        const grey = data[offset] ?? 0;
        levels.add(grey);
        const cell = Math.min(7, Math.floor((y * 8) / height)) * 8 + Math.min(7, Math.floor((x * 8) / width));
        sums[cell] = (sums[cell] ?? 0) + grey;
        counts[cell] = (counts[cell] ?? 0) + 1;
      }
    }
    return { distinct: levels.size, grid: sums.map((sum, index) => Math.round(sum / Math.max(1, counts[index] ?? 1))) };
  });
}

function difference(a: CanvasSample, b: CanvasSample): number {
  return a.grid.reduce((total, value, index) => total + Math.abs(value - (b.grid[index] ?? 0)), 0);
}

const zOf = (position: string | null) => Number((position ?? '').split('\\')[2]);

/** Polls the canvas until it shows a real picture (the first frame may still be compositing). */
async function expectPicture(viewport: Locator): Promise<CanvasSample> {
  let sample: CanvasSample | undefined;
  await expect
    .poll(async () => {
      sample = await sampleCanvas(viewport);
      return sample.distinct;
    })
    .toBeGreaterThan(20);
  return sample!;
}

test('the current CT (JPEG-LS) opens on its image series with real pixels; the wheel, drag and presets work', async ({ page }) => {
  const viewport = await openViewer(page, chuCurrentCt());
  await expect(viewport).toHaveAttribute('data-image-index', '0');
  await expect(viewport).toHaveAttribute('data-image-count', '120');
  await expect(viewport).toHaveAttribute('data-voi', /^-?\d+,\d+$/);
  await expect(page.getByTestId('overlay-patient')).toContainText('A100001');
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
    const viewport = await openViewer(page, study());
    await expectPicture(viewport);
    await page.keyboard.press('PageDown');
    await expect(viewport).not.toHaveAttribute('data-image-index', '0');
    await expect(viewport).toHaveAttribute('data-state', 'ready');
  });
}
