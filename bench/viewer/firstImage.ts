import type { Page } from '@playwright/test';
import { sleep } from '../shared/sleep.ts';
import { pngLuminance } from './pngLuminance.ts';
import type { Target, ViewerName } from './viewerTypes.ts';

const FIRST_IMAGE_TIMEOUT_MS = 60_000;
const STDDEV_THRESHOLD = 12;
const BRIGHT_SHARE = 0.05;

export async function viewportBox(page: Page, target: Target): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const locator = page.locator(target.viewportSelector).first();
  if ((await locator.count()) === 0) return null;
  const box = await locator.boundingBox();
  return box && box.width > 50 && box.height > 50 ? box : null;
}

/** The centre of the viewport (half its width and height, clear of the corner overlays) shows an image. */
export async function showsImage(page: Page, target: Target): Promise<boolean> {
  const box = await viewportBox(page, target);
  if (!box) return false;
  const clip = { x: box.x + box.width / 4, y: box.y + box.height / 4, width: box.width / 2, height: box.height / 2 };
  const png = await page.screenshot({ clip, animations: 'allow', caret: 'initial', timeout: 10_000 });
  const { stddev, brightShare } = pngLuminance(png);
  return stddev > STDDEV_THRESHOLD && brightShare > BRIGHT_SHARE;
}

/** Intervals between the starts of successive first-image polls (their resolution), all runs. */
export const pollIntervals: number[] = [];

export async function waitForFirstImage(page: Page, viewer: ViewerName, target: Target, started: number, timeoutMs = FIRST_IMAGE_TIMEOUT_MS): Promise<number> {
  let previous: number | undefined;
  while (Date.now() - started < timeoutMs) {
    const polled = Date.now();
    if (previous !== undefined) pollIntervals.push(polled - previous);
    previous = polled;
    const ready = viewer === 'ohif' || (await page.locator('[data-testid=viewport][data-state=ready]').count()) > 0;
    if (ready && (await showsImage(page, target).catch(() => false))) return polled - started;
    await sleep(20);
  }
  const states = await page
    .locator('[data-testid=viewport]')
    .evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-state')}${element.textContent ? ` "${element.textContent.slice(0, 160)}"` : ''}`))
    .catch(() => []);
  // What the page had fetched by then (Resource Timing lists finished requests only).
  const fetched = await page
    .evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const metadata = entries.filter((entry) => /\/metadata(\?|$)/.test(entry.name));
      const frames = entries.filter((entry) => /\/frames\/\d/.test(entry.name)).length;
      const slowest = metadata.reduce((most, entry) => Math.max(most, entry.responseEnd - entry.startTime), 0);
      return `${metadata.length} metadata answers (slowest ${Math.round(slowest)} ms), ${frames} frames`;
    })
    .catch(() => 'unknown');
  throw new Error(`${viewer}: no image within ${timeoutMs} ms (${page.url()}; viewports: ${states.join(' | ') || 'none'}; fetched: ${fetched})`);
}
