/**
 * What the comparison bench reads in the page: each viewport's displayed-image changes (by `data-image-index`,
 * contract §4) with their times, noted by a MutationObserver installed before the app starts (a plain string:
 * the CSP forbids eval).
 */
import type { Page } from '@playwright/test';
import { sleep } from '../shared/sleep.ts';
import { pngLuminance } from '../viewer/pngLuminance.ts';

export const COMPARISON_INIT_SCRIPT = String.raw`(function () {
  var state = { keys: {}, changes: {} };
  window.__comparisonBench = state;
  function check() {
    var now = performance.now();
    document.querySelectorAll('[data-testid=viewport][data-image-index]').forEach(function (element) {
      var index = element.getAttribute('data-viewport-index');
      var key = element.getAttribute('data-series-uid') + '#' + element.getAttribute('data-image-index');
      if (state.keys[index] !== key) {
        state.keys[index] = key;
        (state.changes[index] = state.changes[index] || []).push(now);
      }
    });
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-image-index', 'data-series-uid'] });
})();`;

/** Image changes noted so far, per viewport index. */
export async function imageChanges(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const state = (window as unknown as { __comparisonBench?: { changes: Record<string, number[]> } }).__comparisonBench;
    return Object.fromEntries(Object.entries(state?.changes ?? {}).map(([index, times]) => [index, times.length]));
  });
}

export const viewportSelector = (index: number) => `[data-testid=viewport][data-viewport-index="${index}"]`;

/** The viewport is ready on the wanted study and its centre shows an image (same criterion as the viewer bench). */
async function showsStudy(page: Page, index: number, studyUid: string): Promise<boolean> {
  const viewport = page.locator(`${viewportSelector(index)}[data-state=ready][data-study-uid="${studyUid}"]`);
  if ((await viewport.count()) === 0) return false;
  const box = await viewport.boundingBox();
  if (!box || box.width < 50 || box.height < 50) return false;
  const png = await page.screenshot({ clip: { x: box.x + box.width / 4, y: box.y + box.height / 4, width: box.width / 2, height: box.height / 2 } });
  const { stddev, brightShare } = pngLuminance(png);
  return stddev > 12 && brightShare > 0.05;
}

/** Milliseconds from `started` until viewport `index` shows `studyUid`. */
export async function timeToImage(page: Page, index: number, studyUid: string, started: number, timeoutMs = 60_000): Promise<number> {
  while (Date.now() - started < timeoutMs) {
    const polled = Date.now();
    if (await showsStudy(page, index, studyUid).catch(() => false)) return polled - started;
    await sleep(20);
  }
  throw new Error(`viewport ${index} did not show ${studyUid} within ${timeoutMs} ms`);
}

/** Waits until each listed viewport says every image of its stack is decoded and cached. */
export async function waitUntilLoaded(page: Page, indices: readonly number[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await Promise.all(
      indices.map((index) =>
        page
          .locator(viewportSelector(index))
          .evaluate((element) => Number(element.getAttribute('data-loaded-count')) >= Number(element.getAttribute('data-image-count')))
          .catch(() => false),
      ),
    );
    if (done.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`viewports ${indices.join(', ')} not loaded within ${timeoutMs} ms`);
    await sleep(100);
  }
}
