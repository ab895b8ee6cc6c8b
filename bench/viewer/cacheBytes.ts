import type { Browser } from '@playwright/test';
import { sleep } from '../shared/sleep.ts';
import { waitForFirstImage } from './firstImage.ts';
import { backingStoreBytes, frameTimings, PAGE_INIT_SCRIPT, waitForAllFrames } from './pageState.ts';
import { VIEWPORT, type Target, type ViewerName } from './viewerTypes.ts';

const FRAMES_BEFORE_HOLD = 4;

/**
 * Bytes per cached slice, estimated: the first few frame requests go through (the first image, thumbnails), later
 * ones are held until the first
 * image is shown and the page's ArrayBuffer backing stores have been read (after a forced GC); then they are
 * released, and once every slice is in (and a forced GC) the stores are read again: the growth per slice added.
 */
export async function cacheBytesPerSlice(browser: Browser, viewer: ViewerName, target: Target, sliceCount: number): Promise<{ bytesPerSlice: number; slices: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await target.prepareContext?.(context);
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_INIT_SCRIPT });
    let passed = 0;
    let holding = true;
    const held: (() => Promise<void>)[] = [];
    await page.route(/\/frames\/\d/, (route) => {
      if (holding && passed >= FRAMES_BEFORE_HOLD) {
        held.push(() => route.continue());
        return;
      }
      passed += 1;
      void route.continue();
    });
    const release = async () => {
      holding = false;
      for (const next of held.splice(0)) await next().catch(() => undefined);
    };
    const started = Date.now();
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60_000 });
    try {
      await waitForFirstImage(page, viewer, target, started);
    } catch {
      // The first image shown is not among the first frames asked for: no baseline with a single slice cached.
      await release();
      return { bytesPerSlice: Number.NaN, slices: 0 };
    }
    await sleep(1000);
    const framesBefore = (await frameTimings(page)).count;
    const before = await backingStoreBytes(page);
    await release();
    await waitForAllFrames(page, sliceCount, 60_000);
    await sleep(2000);
    const framesAfter = (await frameTimings(page)).count;
    const after = await backingStoreBytes(page);
    const slices = framesAfter - framesBefore;
    return { bytesPerSlice: slices > 0 ? (after - before) / slices : Number.NaN, slices };
  } finally {
    await context.close().catch(() => undefined);
  }
}
