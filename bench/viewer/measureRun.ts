import type { Browser } from '@playwright/test';
import { watchCpu } from '../shared/cpuBusy.ts';
import { sleep } from '../shared/sleep.ts';
import { viewportBox, waitForFirstImage } from './firstImage.ts';
import { frameTimings, PAGE_INIT_SCRIPT, readState, waitForAllFrames } from './pageState.ts';
import { VIEWPORT, type RunResult, type Target, type ViewerName } from './viewerTypes.ts';
import { wheelInPage } from './wheelInPage.ts';

const SCROLL_MS = 3000;

/**
 * For a series larger than the cache holds: the series load is measured over `loadWindowMs` (not to its end), and the
 * cached scroll over its first `scrollSlices` slices.
 */
export interface LargeSeriesMeasure {
  loadWindowMs: number;
  scrollSlices: number;
  firstImageTimeoutMs: number;
}

export async function measure(browser: Browser, viewer: ViewerName, target: Target, sliceCount: number, wheelIntervalMs: number, large?: LargeSeriesMeasure): Promise<RunResult> {
  const scrollSlices = large?.scrollSlices ?? sliceCount;
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await target.prepareContext?.(context);
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_INIT_SCRIPT });
    // 1. First image.
    const started = Date.now();
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60_000 });
    const firstImageMs = await waitForFirstImage(page, viewer, target, started, large?.firstImageTimeoutMs);

    // 3. Series load, left to the viewer.
    const cpu = watchCpu();
    await waitForAllFrames(page, sliceCount, large?.loadWindowMs ?? 60_000);
    const loadBusyCores = cpu.stop();
    const frames = await frameTimings(page);
    const state = await readState(page);
    const loadFps = (frames.count / (frames.lastEnd - frames.firstStart)) * 1000;
    const decodedFps = state.loaded !== null && state.loadedAt !== null ? (state.loaded / (state.loadedAt - frames.firstStart)) * 1000 : Number.NaN;
    // The cache's own account, once the series is in (Passerelle says both figures; OHIF neither).
    const cachedBytesPerSlice = state.cacheBytes !== null && state.loaded ? state.cacheBytes / state.loaded : Number.NaN;

    // 2. Walk once through the stack with the wheel, one step as soon as the previous slice is shown, so that every
    // slice is cached and has been displayed; then continuous wheel input.
    const box = await viewportBox(page, target);
    if (!box) throw new Error(`${viewer}: viewport vanished`);
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    const walkDeadline = Date.now() + 120_000;
    let walked = 0;
    for (let step = 1; step < scrollSlices && Date.now() < walkDeadline; step += 1) {
      const before = (await readState(page)).key;
      await page.mouse.wheel(0, 100);
      const stepDeadline = Date.now() + 5_000;
      while ((await readState(page)).key === before && Date.now() < stepDeadline) await sleep(5);
      if ((await readState(page)).key === before) break;
      walked += 1;
    }
    await sleep(300);
    const changesBefore = (await readState(page)).changes.length;
    const wheeled = await wheelInPage(page, centre, scrollSlices, SCROLL_MS, wheelIntervalMs);
    const scrollMs = wheeled.elapsed;
    await sleep(100);
    const scrollChanges = (await readState(page)).changes.length - changesBefore;
    return {
      viewer,
      firstImageMs,
      scrollFps: (scrollChanges / scrollMs) * 1000,
      scrollChanges,
      scrollNote: `walked ${walked + 1}/${scrollSlices} slices; ${wheeled.sent} wheel events on ${wheeled.target}`,
      loadFps,
      decodedFps,
      loadBusyCores,
      framesFetched: frames.count,
      decoded: state.loaded ?? undefined,
      cachedBytesPerSlice,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}
