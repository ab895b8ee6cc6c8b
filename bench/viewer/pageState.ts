import type { Page } from '@playwright/test';
import { sleep } from '../shared/sleep.ts';

// In the page.
/**
 * Notes each change of the displayed image (by a key read from the DOM), and Passerelle's count of decoded slices
 * (`[data-testid=slice-scrollbar][data-loaded]`, where the build has it) with the time it last grew; raises the
 * resource timing buffer.
 */
export const PAGE_INIT_SCRIPT = String.raw`(function () {
  try { performance.setResourceTimingBufferSize(5000); } catch (e) {}
  var state = { key: null, changes: [], loaded: null, loadedAt: null };
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
    var bar = document.querySelector('[data-testid=slice-scrollbar][data-loaded]');
    if (bar) {
      var loaded = Number(bar.getAttribute('data-loaded'));
      if (state.loaded === null || loaded > state.loaded) { state.loaded = loaded; state.loadedAt = now; }
    }
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true, attributeFilter: ['data-image-index', 'data-loaded'] });
})();`;

export interface PageState {
  key: string | null;
  changes: number[];
  loaded: number | null;
  loadedAt: number | null;
}

/** Frames fetched per the page's Resource Timing: count, first start, last response end (page ms). */
export async function frameTimings(page: Page): Promise<{ count: number; firstStart: number; lastEnd: number }> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource').filter((entry) => /\/frames\/\d/.test(entry.name)) as PerformanceResourceTiming[];
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
    return { key: state?.key ?? null, changes: state?.changes ?? [], loaded: state?.loaded ?? null, loadedAt: state?.loadedAt ?? null };
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
