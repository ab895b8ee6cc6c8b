/**
 * The codec gallery of the quality-control phantom, against the real test bed (Orthanc 1.10 + DICOMweb 1.7 behind
 * the gateway): every series of the study is put in the viewport from the series browser and its canvas is read
 * back. Grey-scale series must show their four quadrants in the expected order and, lossless, the same picture as
 * their reference series; colour series the right dominant channel per quadrant. A series the archive cannot send
 * in its stored syntax, or that no decoder knows, must show the reason on the slice while the page keeps working.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { projectRoot, qcPhantom } from './support/demoData.ts';
import { cleanupAfterEach } from './support/cleanupAfterEach.ts';
import { startGateway } from './support/startGateway.ts';
import { gatewayUrl, testbedInfo } from './support/testbedInfo.ts';
import { readConfigFile, writeVariantConfig } from './support/variantConfig.ts';
import { qcCases, type QcCase } from '../server/demo/generate/qcCases.ts';

const cleanups = cleanupAfterEach();

interface QuadrantSample {
  /** Mean [r, g, b] in the middle of each quadrant: top left, top right, bottom left, bottom right. */
  quadrants: [number, number, number][];
  /** Mean grey along the middle band, left to right, in 8 steps. */
  ramp: number[];
}

/** Reads the quadrants of the displayed 128 × 128 pattern, fitted and centred in a canvas (the viewport's first). */
async function sampleQuadrants(surface: Locator): Promise<QuadrantSample> {
  return surface.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (!context) throw new Error('no 2D context');
    context.drawImage(canvas, 0, 0);
    const side = Math.min(canvas.width, canvas.height);
    const left = (canvas.width - side) / 2;
    const top = (canvas.height - side) / 2;
    const mean = (cx: number, cy: number, half: number): [number, number, number] => {
      const x = Math.round(left + cx * side - half);
      const y = Math.round(top + cy * side - half);
      const size = Math.max(1, Math.round(2 * half));
      const { data } = context.getImageData(x, y, size, size);
      const sum = [0, 0, 0];
      for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c] ?? 0;
      const count = data.length / 4;
      return [sum[0]! / count, sum[1]! / count, sum[2]! / count];
    };
    const quadrants = [mean(0.25, 0.25, side / 16), mean(0.75, 0.25, side / 16), mean(0.25, 0.75, side / 16), mean(0.75, 0.75, side / 16)];
    const ramp = Array.from({ length: 8 }, (_, step) => mean((step + 0.5) / 8, 0.5, side / 80)[1]);
    return { quadrants, ramp };
  });
}

const grey = ([r, g, b]: [number, number, number]) => (r + g + b) / 3;

/**
 * Orthanc 1.10 with DICOMweb 1.7 answers a frame request for `transfer-syntax=*` with HTTP 500 for HTJ2K, big
 * endian and deflated instances (it neither sends them as stored nor converts them): the viewer then takes the
 * instance as stored and decodes it, so those series show their pattern too. Only the private syntax cannot be.
 */
const unknownSyntax = '1.2.999.1';

async function showSeries(page: Page, viewport: Locator, qc: QcCase): Promise<void> {
  const seriesUid = qcPhantom.seriesUid(qc.number);
  if ((await viewport.getAttribute('data-series-uid')) !== seriesUid) {
    await page.locator(`[data-testid=series-tile][data-series-uid="${seriesUid}"] button`).click();
  }
  await expect(viewport).toHaveAttribute('data-series-uid', seriesUid);
  await expect(viewport).toHaveAttribute('data-image-count', '2');
  await expect(viewport).not.toHaveAttribute('data-state', 'loading', { timeout: 30_000 });
}

/**
 * Polls until the canvas shows the pattern's ramp (the first frame may still be compositing): dark to bright
 * from left to right, or the reverse where the display inverts (MONOCHROME1).
 */
async function expectPattern(surface: Locator, inverted = false): Promise<QuadrantSample> {
  let sample: QuadrantSample | undefined;
  await expect
    .poll(async () => {
      sample = await sampleQuadrants(surface);
      const rise = (sample.ramp[7] ?? 0) - (sample.ramp[0] ?? 0);
      return inverted ? -rise : rise;
    }, { message: 'the ramp across the middle is drawn' })
    .toBeGreaterThan(100);
  return sample!;
}

/** Shows every series of the gallery through the gateway at `baseUrl` and checks what is drawn. */
async function checkGallery(page: Page, baseUrl: string): Promise<void> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const study = qcPhantom.study;
  await page.goto(`${baseUrl}/viewer/${study.siteId}/${study.uid}`);
  const viewport = page.locator('[data-testid=viewport][data-viewport-index="0"]');
  await expect(viewport).toHaveAttribute('data-study-uid', study.uid, { timeout: 45_000 });

  const references = new Map<QcCase['pixels'], QuadrantSample>();
  const failures: string[] = [];
  for (const qc of qcCases) {
    await test.step(`series ${qc.number}: ${qc.description}`, async () => {
      await showSeries(page, viewport, qc);
      if (qc.transferSyntaxUid === unknownSyntax) {
        await expect(viewport).toHaveAttribute('data-state', 'error');
        const reason = viewport.getByTestId('viewport-error');
        await expect(reason).toBeVisible();
        // The reason names the syntax no decoder knows.
        await expect(reason).toContainText(/transfer syntax 1\.2\.999\.1/i);
        return;
      }
      await expect(viewport).toHaveAttribute('data-state', 'ready');
      const colour = qc.pixels === 'rgb' || qc.pixels === 'ybr-full' || qc.pixels === 'ybr-full-422' || qc.pixels === 'palette';
      // Colour too is read on the viewport's canvas, as the reader sees it.
      const sample = await expectPattern(viewport, qc.pixels === 'mono1');
      const levels = sample.quadrants.map(grey);
      if (colour) {
        // Red, green, blue, white.
        for (const [quadrant, channel] of [[0, 0], [1, 1], [2, 2]] as const) {
          const colour = sample.quadrants[quadrant]!;
          expect(colour[channel], `${qc.description}: quadrant ${quadrant} colour ${colour.join(',')}`).toBeGreaterThan(180);
          for (let other = 0; other < 3; other++) if (other !== channel) expect(colour[other]).toBeLessThan(80);
        }
        expect(Math.min(...sample.quadrants[3]!)).toBeGreaterThan(200);
      } else if (qc.pixels === 'mono1') {
        // MONOCHROME1: the reference inverted, brightest top left.
        expect(levels[0]).toBeGreaterThan(levels[1]!);
        expect(levels[1]).toBeGreaterThan(levels[2]!);
        expect(levels[2]).toBeGreaterThan(levels[3]!);
        const reference = references.get('grey12');
        if (reference) reference.quadrants.map(grey).forEach((level, index) => expect(Math.abs(255 - level - levels[index]!)).toBeLessThan(8));
      } else {
        expect(levels[0]).toBeLessThan(levels[1]!);
        expect(levels[1]).toBeLessThan(levels[2]!);
        expect(levels[2]).toBeLessThan(levels[3]!);
      }
      const kind = qc.pixels === 'signed16' ? 'grey12' : qc.pixels === 'ybr-full' || qc.pixels === 'ybr-full-422' || qc.pixels === 'palette' ? 'rgb' : qc.pixels;
      const reference = references.get(kind);
      if (!reference) references.set(kind, sample);
      else {
        const tolerance = qc.lossyMethod ? 12 : 4;
        sample.quadrants.forEach((colour, quadrant) =>
          colour.forEach((value, channel) => {
            const expected = reference.quadrants[quadrant]![channel]!;
            if (Math.abs(value - expected) > tolerance) failures.push(`${qc.description}: quadrant ${quadrant} channel ${channel} ${value.toFixed(1)} vs ${expected.toFixed(1)}`);
          }),
        );
      }
      // The second image turns the quadrants: the darkest content moves to the top right.
      if (qc.pixels !== 'rgb' && qc.pixels !== 'ybr-full' && qc.pixels !== 'ybr-full-422' && qc.pixels !== 'palette' && qc.pixels !== 'mono1') {
        const box = (await viewport.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, 100);
        await expect(viewport).toHaveAttribute('data-image-index', '1');
        await expect(viewport).toHaveAttribute('data-state', 'ready');
        await expect.poll(async () => {
          const turned = (await sampleQuadrants(viewport)).quadrants.map(grey);
          return turned[1]! < turned[0]! && turned[1]! < turned[3]!;
        }).toBe(true);
      }
    });
  }
  expect(failures).toEqual([]);
  expect(pageErrors).toEqual([]);
  // The page still works after the failures: back to the reference series, which still shows its pattern.
  await showSeries(page, viewport, qcCases[0]!);
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  await expectPattern(viewport);
}

test('every series of the codec gallery shows its test pattern, or says why it cannot, on the path auto chooses', async ({ page }) => {
  test.setTimeout(240_000);
  await checkGallery(page, gatewayUrl());
  // auto: WebGL on a graphics processor, the CPU where WebGL is a software rasteriser (SwiftShader in CI).
  const html = page.locator('html');
  const path = await html.getAttribute('data-render-path');
  const reason = (await html.getAttribute('data-render-path-reason')) ?? '';
  expect(path === 'cpu' ? /^(software WebGL|no WebGL)/.test(reason) : reason === 'graphics processor').toBe(true);
});

for (const renderPath of ['gpu', 'cpu'] as const) {
  test(`the codec gallery drawn on the ${renderPath} path, as a deployment that sets viewer.renderPath to ${renderPath} gets it`, async ({ page }) => {
    test.setTimeout(240_000);
    const variant = writeVariantConfig(readConfigFile(testbedInfo().configFile), (config) => {
      config.viewer = { renderPath };
    });
    cleanups.push(() => variant.remove());
    const gateway = await startGateway(variant.file, projectRoot);
    cleanups.push(() => gateway.stop());
    await checkGallery(page, gateway.url);
    await expect(page.locator('html')).toHaveAttribute('data-render-path', renderPath);
    await expect(page.locator('html')).toHaveAttribute('data-render-path-reason', 'configured');
  });
}
