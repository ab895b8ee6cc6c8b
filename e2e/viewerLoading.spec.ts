/**
 * How the viewer loads a series, against the real test bed: the displayed image is asked for before any other
 * frame of its series and before any thumbnail, the rest of the series is then decoded and cached
 * (`data-loaded-count`), and with a small configured image cache a 120-slice CT scrolled end to end keeps the cache
 * under its bound (`data-cache-bytes` on the page root) while every displayed image is the right one.
 */
import { expect, test, type Locator, type Page, type Request } from '@playwright/test';
import { demoStudy, projectRoot } from './support/demoData.ts';
import { startGateway } from './support/startGateway.ts';
import { gatewayUrl, testbedInfo } from './support/testbedInfo.ts';
import { readConfigFile, writeVariantConfig } from './support/variantConfig.ts';
import { difference, expectPicture, openViewer, sampleCanvas, type CanvasSample, zOf } from './support/viewerCanvas.ts';
import { cleanupAfterEach } from './support/cleanupAfterEach.ts';

const chuCurrentCt = () => demoStudy('chu/A100001/ct-thorax-2026-11-18');

const cleanups = cleanupAfterEach();

interface RecordedRequest {
  url: string;
  /** When the browser started it, ms since the epoch (Resource Timing, read from the browser). */
  startedAt: number;
  /** When its response's last byte arrived (same clock); undefined while it has not. */
  finishedAt: number | undefined;
}

/**
 * Records the page's requests with the browser's own timings. The order of Playwright's request events is not the
 * network's: a request's end and the next one's start come from different processes and can be reported swapped.
 */
function recordRequests(page: Page): () => RecordedRequest[] {
  const requests: Request[] = [];
  const finished = new Set<Request>();
  page.on('request', (request) => requests.push(request));
  page.on('requestfinished', (request) => finished.add(request));
  return () =>
    requests.map((request) => {
      const timing = request.timing();
      return { url: request.url(), startedAt: timing.startTime, finishedAt: finished.has(request) && timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : undefined };
    });
}

const isFrame = (url: string) => /\/frames\/\d+$/.test(url);

test('the displayed image is requested first, then the rest of its series; the series ends up decoded and cached', async ({ page }) => {
  const study = chuCurrentCt();
  const recorded = recordRequests(page);
  // The study alone: with its prior beside it, which of the two viewports asks first is not this test's concern.
  const { viewport, errors } = await openViewer(page, study, '?protocol=single-study');
  expect(errors).toEqual([]);
  await expect(viewport).toHaveAttribute('data-image-index', '0');
  const seriesUid = await viewport.getAttribute('data-series-uid');
  let requests = recorded();
  let seriesFrames = requests.filter((request) => isFrame(request.url) && request.url.includes(`/series/${seriesUid}/`));
  const first = seriesFrames[0];
  if (!first) throw new Error('no frame request for the displayed series');

  // The first frame request is the displayed image: its instance lies at the displayed position.
  const instanceUrl = first.url.replace(/\/frames\/\d+$/, '/metadata');
  const metadata = (await (await page.request.get(instanceUrl, { headers: { Accept: 'application/dicom+json' } })).json()) as Record<string, { Value?: number[] }>[];
  const position = metadata[0]?.['00200032']?.Value ?? [];
  expect(zOf(await viewport.getAttribute('data-image-position'))).toBeCloseTo(position[2] ?? Number.NaN, 2);

  // Every other frame of the series, and every thumbnail, is asked for after it; the other frames only once it
  // has arrived (prefetch starts when the first image is shown).
  await expect(viewport).toHaveAttribute('data-loaded-count', '120', { timeout: 60_000 });
  await expect(viewport).toHaveAttribute('data-image-count', '120');
  requests = recorded();
  seriesFrames = requests.filter((request) => isFrame(request.url) && request.url.includes(`/series/${seriesUid}/`));
  const displayed = seriesFrames[0]!;
  expect(displayed.url).toBe(first.url);
  expect(displayed.finishedAt).toBeDefined();
  const rest = seriesFrames.slice(1);
  expect(rest.length).toBeGreaterThanOrEqual(119);
  for (const request of rest) expect(request.startedAt).toBeGreaterThanOrEqual(displayed.finishedAt!);
  const firstFrameOfAnySeries = requests.find((request) => isFrame(request.url));
  expect(firstFrameOfAnySeries?.url).toBe(first.url);
  // Thumbnails of other image series are their middle frames, decoded in the page: asked for after the displayed
  // image (this study has one image series beside its report), and never the archive's rendering.
  const thumbnails = requests.filter((request) => isFrame(request.url) && !request.url.includes(`/series/${seriesUid}/`));
  for (const request of thumbnails) expect(request.startedAt).toBeGreaterThanOrEqual(displayed.startedAt);
  expect(requests.some((request) => request.url.endsWith('/rendered'))).toBe(false);
  expect(new Set(rest.map((request) => request.url)).size).toBe(rest.length);
  await expect(page.locator('html')).toHaveAttribute('data-cache-bytes', /^[1-9]\d*$/);
});

/** Reads the cache size published on the page root. */
async function cacheBytes(page: Page): Promise<number> {
  return Number(await page.locator('html').getAttribute('data-cache-bytes'));
}

async function expectShown(viewport: Locator, index: number): Promise<void> {
  await expect(viewport).toHaveAttribute('data-image-index', String(index));
  await expect(viewport).toHaveAttribute('data-state', 'ready');
}

test('with a 16 MiB image cache, scrolling the 120-slice CT end to end and back stays under the bound and shows the right images', async ({ page }) => {
  test.setTimeout(240_000);
  const limitMB = 16;
  const bound = limitMB * 1024 * 1024;
  const variant = writeVariantConfig(readConfigFile(testbedInfo().configFile), (config) => {
    config.viewer = { imageCacheMB: limitMB };
  });
  cleanups.push(() => variant.remove());
  const gateway = await startGateway(variant.file, projectRoot);
  cleanups.push(() => gateway.stop());
  expect(gateway.url).not.toBe(gatewayUrl());

  const study = chuCurrentCt();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${gateway.url}/viewer/${study.siteId}/${study.uid}?protocol=single-study`);
  const viewport = page.locator('[data-testid=viewport][data-viewport-index="0"]');
  await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(viewport).toHaveAttribute('data-image-count', '120');
  const firstPicture = await expectPicture(viewport);
  const firstPosition = await viewport.getAttribute('data-image-position');
  await viewport.click();

  // The prefetch window fills the cache's share, not the whole series.
  await expect.poll(async () => cacheBytes(page)).toBeGreaterThan(bound / 2);
  const loadedAtRest = Number(await viewport.getAttribute('data-loaded-count'));
  expect(loadedAtRest).toBeLessThan(120);

  let largest = 0;
  let previousZ = zOf(firstPosition);
  let previous: CanvasSample = firstPicture;
  for (let index = 1; index < 120; index += 1) {
    await page.keyboard.press('ArrowDown');
    await expectShown(viewport, index);
    const z = zOf(await viewport.getAttribute('data-image-position'));
    expect(z).toBeLessThan(previousZ);
    previousZ = z;
    largest = Math.max(largest, await cacheBytes(page));
    if (index % 17 === 0 || index === 119) {
      const before = previous;
      await expect.poll(async () => difference(before, await sampleCanvas(viewport))).toBeGreaterThan(20);
      previous = await sampleCanvas(viewport);
    }
  }
  expect(largest).toBeLessThanOrEqual(bound);
  expect(largest).toBeGreaterThan(0);

  // Back at the start: the first slice was evicted on the way and comes back the same.
  await page.keyboard.press('Home');
  await expectShown(viewport, 0);
  await expect(viewport).toHaveAttribute('data-image-position', firstPosition!);
  await expect.poll(async () => difference(firstPicture, await sampleCanvas(viewport))).toBeLessThan(20);
  largest = Math.max(largest, await cacheBytes(page));
  expect(largest).toBeLessThanOrEqual(bound);
  expect(Number(await viewport.getAttribute('data-loaded-count'))).toBeLessThan(120);
  expect(errors).toEqual([]);
});
