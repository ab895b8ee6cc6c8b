import type { Browser, Page } from '@playwright/test';
import { sleep } from '../shared/sleep.ts';
import { viewportBox, waitForFirstImage } from '../viewer/firstImage.ts';
import { PAGE_INIT_SCRIPT, readState } from '../viewer/pageState.ts';
import { VIEWPORT, type Target, type ViewerName } from '../viewer/viewerTypes.ts';

/** What the page held while the stack was scrolled from its first slice to its last. */
export interface ScrollMemory {
  /** Peak of the page's JS heap in use plus its ArrayBuffer backing stores (bytes), sampled every `SAMPLE_MS`. */
  peakBytes: number;
  /** Peak of the image cache's own account (`data-cache-bytes`), where the page gives it. */
  peakCacheBytes: number | undefined;
  /** Changes of the displayed slice on the way, and seconds taken. */
  slicesShown: number;
  /**
   * Wheel steps the viewer followed (`WHEEL_EVENTS_PER_STEP` wheel events each, sent once the previous step showed),
   * the slice reached (0-based, where the page says it), and whether it stopped following.
   */
  steps: number;
  reached: number | undefined;
  stalled: boolean;
  seconds: number;
  samples: number;
}

const SAMPLE_MS = 500;
/** A wheel step the viewer has not followed in this long ends the scroll (reported as stalled). */
const STEP_TIMEOUT_MS = 15_000;
/** The scroll's time limit: the whole stack is fetched and decoded on the way, at the series' load rate. */
export const SCROLL_BUDGET_MS = 600_000;
/** Wheel events sent back to back for each step, as a reader's fast scroll does (a wheel notch each, one slice each). */
export const WHEEL_EVENTS_PER_STEP = 4;

/**
 * The page's memory from the browser itself: CDP `Runtime.getHeapUsage` on the page's main thread, JS heap in use
 * (garbage not yet collected included: no GC is forced) plus `backingStorageSize`, the ArrayBuffers' bytes outside
 * the heap, where decoded images live. Decode workers' own heaps, canvases and GPU memory are not in it.
 */
async function pageBytes(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return usage.usedSize + (usage.backingStorageSize ?? 0);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/**
 * Opens `target`, waits for its first image, then scrolls the stack of `sliceCount` from its first slice to its last
 * with real wheel input, a few notches at a time, each step as soon as the viewer shows a slice the previous one
 * asked for (paced by the viewer, so that the cache goes through the whole series),
 * sampling the page's memory throughout and keeping its maximum; the same input for each viewer.
 */
export async function scrollMemory(browser: Browser, viewer: ViewerName, target: Target, sliceCount: number, firstImageTimeoutMs: number): Promise<ScrollMemory> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  let stopSampling = async () => undefined;
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_INIT_SCRIPT });
    const started = Date.now();
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60_000 });
    await waitForFirstImage(page, viewer, target, started, firstImageTimeoutMs);
    // The whole order first: a wheel on the opening image alone does nothing.
    if (viewer === 'passerelle') await page.waitForFunction(() => Number(document.querySelector('[data-testid=viewport]')?.getAttribute('data-loaded-count') ?? 0) > 1, undefined, { timeout: firstImageTimeoutMs });
    const box = await viewportBox(page, target);
    if (!box) throw new Error(`${viewer}: viewport vanished`);
    // The pointer over the viewport first, as a reader's is (and as the cached scroll's walk has it).
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    let peakBytes = await pageBytes(page);
    let peakCacheBytes: number | undefined;
    let samples = 1;
    let scrolling = true;
    const sampler = (async () => {
      while (scrolling) {
        await sleep(SAMPLE_MS);
        peakBytes = Math.max(peakBytes, await pageBytes(page).catch(() => 0));
        const cacheBytes = (await readState(page).catch(() => null))?.cacheBytes ?? null;
        if (cacheBytes !== null) peakCacheBytes = Math.max(peakCacheBytes ?? 0, cacheBytes);
        samples += 1;
      }
    })();
    stopSampling = async () => {
      scrolling = false;
      await sampler;
    };
    const scrollStarted = Date.now();
    // Real wheel input, as the cached scroll's walk sends it: a step of a few notches, then the next once the viewer
    // shows a slice further on. Passerelle says the slice shown; elsewhere the notches sent count.
    const paced = { steps: 0, stalled: false };
    const reachedSlice = async () => {
      const key = (await readState(page)).key;
      return viewer === 'passerelle' && key?.startsWith('p') ? Number(key.slice(1)) : paced.steps * WHEEL_EVENTS_PER_STEP;
    };
    while ((await reachedSlice()) < sliceCount - 1 && Date.now() - scrollStarted < SCROLL_BUDGET_MS) {
      const before = (await readState(page)).key;
      for (let notch = 0; notch < WHEEL_EVENTS_PER_STEP; notch += 1) await page.mouse.wheel(0, 100);
      const stepDeadline = Date.now() + STEP_TIMEOUT_MS;
      while ((await readState(page)).key === before && Date.now() < stepDeadline) await sleep(2);
      if ((await readState(page)).key === before) {
        paced.stalled = true;
        break;
      }
      paced.steps += 1;
    }
    const changes = (await readState(page)).changes.length;
    const key = (await readState(page)).key;
    await stopSampling();
    return { peakBytes, peakCacheBytes, slicesShown: changes, steps: paced.steps, reached: viewer === 'passerelle' && key?.startsWith('p') ? Number(key.slice(1)) : undefined, stalled: paced.stalled, seconds: (Date.now() - scrollStarted) / 1000, samples };
  } finally {
    await stopSampling();
    await context.close().catch(() => undefined);
  }
}
