import type { Page } from '@playwright/test';

/**
 * Wheel events dispatched in the page on the element under the viewport's centre (what a real wheel hits), one
 * every `wheelIntervalMs` for `durationMs`, bouncing between the ends of the stack; resolves with the elapsed page time.
 */
export async function wheelInPage(
  page: Page,
  point: { x: number; y: number },
  sliceCount: number,
  durationMs: number,
  wheelIntervalMs: number,
): Promise<{ elapsed: number; sent: number; target: string }> {
  return page.evaluate(
    ({ x, y, count, duration, interval }) =>
      new Promise<{ elapsed: number; sent: number; target: string }>((resolve) => {
        const target = document.elementFromPoint(x, y) ?? document.body;
        const name = `${target.tagName.toLowerCase()}${target.className && typeof target.className === 'string' ? `.${target.className.trim().split(/\s+/).join('.')}` : ''}`;
        const started = performance.now();
        let sent = 0;
        const timer = setInterval(() => {
          const elapsed = performance.now() - started;
          if (elapsed >= duration) {
            clearInterval(timer);
            resolve({ elapsed, sent, target: name });
            return;
          }
          const leg = Math.floor(sent / (count - 1));
          const deltaY = leg % 2 === 0 ? -100 : 100;
          sent += 1;
          target.dispatchEvent(new WheelEvent('wheel', { deltaY, deltaMode: 0, clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true, view: window }));
        }, interval);
      }),
    { x: point.x, y: point.y, count: sliceCount, duration: durationMs, interval: wheelIntervalMs },
  );
}
