/**
 * The order in which a stack's other images are fetched once the displayed one is asked for: outward from the
 * displayed slice, the scroll direction first, within a window that reaches further ahead than behind and fits
 * the image cache. Pure: indices in, indices out.
 */

/** +1 towards the end of the stack, -1 towards its start (display order). */
export type ScrollDirection = 1 | -1;

/** How many images to keep ready on each side of the displayed one. */
export interface PrefetchWindow {
  ahead: number;
  behind: number;
}

/** Share of the window given to the scroll direction. */
const AHEAD_SHARE = 2 / 3;

/** How much further an image behind counts than one ahead at the same distance. */
const BEHIND_WEIGHT = 2;

/**
 * The window for `capacity` images besides the displayed one: two thirds ahead, one third behind, and what one
 * side cannot use (the stack ends there) given to the other.
 */
export function prefetchWindow(displayed: number, count: number, direction: ScrollDirection, capacity: number): PrefetchWindow {
  const room = Math.max(0, Math.floor(capacity));
  const aheadRoom = direction === 1 ? count - 1 - displayed : displayed;
  const behindRoom = direction === 1 ? displayed : count - 1 - displayed;
  let ahead = Math.min(aheadRoom, Math.ceil(room * AHEAD_SHARE));
  let behind = Math.min(behindRoom, room - ahead);
  ahead = Math.min(aheadRoom, room - behind);
  behind = Math.max(0, behind);
  return { ahead: Math.max(0, ahead), behind };
}

/**
 * Indices to fetch, first first: the displayed one, then outward, the scroll direction first. An image behind at
 * distance d ranks with one ahead at distance 2d (the ratio of the default window), so scrolling on finds its
 * images ready while a step back still does; a side that runs out leaves the rest to the other.
 */
export function prefetchOrder(displayed: number, count: number, direction: ScrollDirection, window: PrefetchWindow): number[] {
  if (count <= 0 || displayed < 0 || displayed >= count) return [];
  const order = [displayed];
  const ahead = Math.min(window.ahead, direction === 1 ? count - 1 - displayed : displayed);
  const behind = Math.min(window.behind, direction === 1 ? displayed : count - 1 - displayed);
  let a = 1;
  let b = 1;
  while (a <= ahead || b <= behind) {
    const aheadRank = a <= ahead ? a : Infinity;
    const behindRank = b <= behind ? b * BEHIND_WEIGHT : Infinity;
    if (aheadRank < behindRank) {
      order.push(displayed + direction * a);
      a += 1;
    } else {
      order.push(displayed - direction * b);
      b += 1;
    }
  }
  return order;
}

/** The scroll direction after moving from `previous` to `next`; unchanged when the index did not move. */
export function scrollDirection(previous: number, next: number, current: ScrollDirection): ScrollDirection {
  if (next > previous) return 1;
  if (next < previous) return -1;
  return current;
}

/** Images kept ready ahead of a reader who is scrolling, and behind: enough for the next steps, no more. */
export const SCROLLING_WINDOW: PrefetchWindow = { ahead: 12, behind: 2 };

/**
 * Images fetched in the background at once: a few requests in flight keep the archive busy, while an image the
 * reader asks for waits behind those few only, not behind a series' worth (an archive answers in turn).
 */
export const PREFETCH_LOADS_IN_FLIGHT = 6;

/**
 * The window while the reader scrolls (the displayed slice changed moments ago): `window` cut to `SCROLLING_WINDOW`,
 * so that each step queues a dozen images, not thousands, and the page's time goes to drawing the slices asked for.
 * The whole window comes back once the reader stops.
 */
export function scrollingWindow(window: PrefetchWindow): PrefetchWindow {
  return { ahead: Math.min(window.ahead, SCROLLING_WINDOW.ahead), behind: Math.min(window.behind, SCROLLING_WINDOW.behind) };
}
