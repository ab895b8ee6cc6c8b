import type { Page } from '@playwright/test';
import { sleep } from '../shared/sleep.ts';

// In the page.
/**
 * Notes each change of the displayed image (by a key read from the DOM), Passerelle's count of decoded and cached
 * slices (contract §4 `[data-testid=viewport][data-loaded-count]`) with the time it last grew, and the bytes its
 * image cache holds (`data-cache-bytes` on the page root); raises the resource timing buffer. Marks OHIF's guided tour
 * of its viewer (`basicViewerTour`, remembered in localStorage `shownTours`) as seen, so that it does not cover the
 * viewport on a fresh profile; Passerelle has no such key.
 */
export const PAGE_INIT_SCRIPT = String.raw`(function () {
  try { performance.setResourceTimingBufferSize(50000); } catch (e) {}
  try { localStorage.setItem('shownTours', JSON.stringify(['basicViewerTour'])); } catch (e) {}
  var state = { key: null, changes: [], loaded: null, loadedAt: null, cacheBytes: null };
  window.__viewerBench = state;
  function currentKey() {
    var passerelle = document.querySelector('[data-testid=viewport][data-image-index]');
    if (passerelle) return 'p' + passerelle.getAttribute('data-image-index');
    var pane = document.querySelector('[data-cy=viewport-pane]') || document.querySelector('.viewport-wrapper');
    if (pane) return 'o' + pane.textContent;
    return null;
  }
  function check() {
    var now = performance.now();
    var key = currentKey();
    if (key !== null && key !== state.key) {
      state.key = key;
      state.changes.push(now);
    }
    var viewport = document.querySelector('[data-testid=viewport][data-loaded-count]');
    if (viewport) {
      var loaded = Number(viewport.getAttribute('data-loaded-count'));
      if (state.loaded === null || loaded > state.loaded) { state.loaded = loaded; state.loadedAt = now; }
    }
    var bytes = document.documentElement.getAttribute('data-cache-bytes');
    if (bytes !== null) state.cacheBytes = Number(bytes);
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true, attributeFilter: ['data-image-index', 'data-loaded-count', 'data-cache-bytes'] });
})();`;

export interface PageState {
  key: string | null;
  changes: number[];
  loaded: number | null;
  loadedAt: number | null;
  /** Bytes Passerelle's image cache holds, by its own account. */
  cacheBytes: number | null;
}

/**
 * Frames fetched per the page's Resource Timing: count, first start, last response end (page ms). A whole stored
 * instance (`…/instances/{uid}`, how Passerelle takes a large series' slices) counts as its frame.
 */
export async function frameTimings(page: Page): Promise<{ count: number; firstStart: number; lastEnd: number }> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource').filter((entry) => /\/frames\/\d|\/series\/[^/]+\/instances\/[^/?]+$/.test(entry.name)) as PerformanceResourceTiming[];
    return {
      count: entries.length,
      firstStart: entries.length ? Math.min(...entries.map((entry) => entry.startTime)) : Number.NaN,
      lastEnd: entries.length ? Math.max(...entries.map((entry) => entry.responseEnd)) : Number.NaN,
    };
  });
}

export async function readState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const state = (window as unknown as { __viewerBench?: PageState }).__viewerBench;
    return { key: state?.key ?? null, changes: state?.changes ?? [], loaded: state?.loaded ?? null, loadedAt: state?.loadedAt ?? null, cacheBytes: state?.cacheBytes ?? null };
  });
}

export async function backingStoreBytes(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const usage = (await session.send('Runtime.getHeapUsage')) as { backingStorageSize?: number; usedSize: number };
    if (usage.backingStorageSize === undefined) throw new Error('this Chromium reports no backingStorageSize');
    return usage.backingStorageSize;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Waits (bounded) until every slice has been fetched, and decoded where the page says so. */
export async function waitForAllFrames(page: Page, sliceCount: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = await frameTimings(page);
    const state = await readState(page);
    if (frames.count >= sliceCount && (state.loaded === null || state.loaded >= sliceCount)) return;
    if (Date.now() > deadline) return;
    await sleep(50);
  }
}
