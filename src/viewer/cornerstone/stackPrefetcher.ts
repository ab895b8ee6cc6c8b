/**
 * Prefetch of one stack's images through Cornerstone3D's image load pool: outward from the displayed slice, the
 * scroll direction first, in a window that fits the viewport's share of the image cache (domain/viewer/
 * prefetchOrder.ts). It waits while the displayed image is asked for, and re-centres when the user moves: what it
 * queued and the pool has not started yet is withdrawn, so requests far from the current slice never delay near ones.
 * A few loads are in flight at once (the pool's own bound is a thousand: a series' worth of requests would sit at
 * the archive ahead of the one the reader asks for), and while the reader scrolls only the next few slices are
 * queued; the whole window once the reader stops.
 */
import { Enums, imageLoader, imageLoadPoolManager } from '@cornerstonejs/core';
import { PREFETCH_LOADS_IN_FLIGHT, prefetchOrder, prefetchWindow, scrollDirection, scrollingWindow, type ScrollDirection } from '../../domain/viewer/prefetchOrder.ts';
import { isCachedOrLoading } from './imageCache.ts';

export interface StackPrefetcher {
  /** The displayed image is `index`: (re)start prefetching around it. */
  centre(index: number, capacity: number): void;
  /** An image not in the cache is being asked for: withdraw queued prefetches so that it goes first. */
  hold(): void;
  destroy(): void;
}

const requestType = Enums.RequestType.Prefetch;
/** Delay before re-centring, so that a burst of scroll steps re-queues once. */
const RECENTRE_DELAY_MS = 10;
/** The reader counts as scrolling this long after the displayed slice last changed. */
const SCROLLING_MS = 300;

/** Bounds the background loads in flight (call once, at start). */
export function boundPrefetchLoads(): void {
  imageLoadPoolManager.setMaxSimultaneousRequests(requestType, PREFETCH_LOADS_IN_FLIGHT);
}

let sequence = 0;

/**
 * Viewports still waiting for their first image. While there is one, no stack prefetches: a viewport opened
 * beside another (a prior) must not queue its first image behind the other's whole series in the decode workers.
 */
const awaitingFirstImage = new Set<string>();
const FIRST_IMAGE_WAIT_MS = 8000;
const pausedQueues = new Set<() => void>();

/** `key`'s first image is on its way; the returned function says it is shown (or failed, or the viewport went). */
export function awaitFirstImage(key: string): () => void {
  awaitingFirstImage.add(key);
  imageLoadPoolManager.filterRequests((request) => !String((request.additionalDetails as { owner?: string } | undefined)?.owner ?? '').startsWith('stack-prefetch-'));
  const release = () => {
    window.clearTimeout(timer);
    // Resumed after the current task's other work: a hold released and another taken in the same React commit
    // (the protocol's plan applied, its viewports mounting) lets no prefetch through in between.
    if (awaitingFirstImage.delete(key) && awaitingFirstImage.size === 0) queueMicrotask(resumeIfNoneAwaited);
  };
  // A first image that never comes (an archive that does not answer) does not hold the others' prefetch for long.
  const timer = window.setTimeout(release, FIRST_IMAGE_WAIT_MS);
  return release;
}

function resumeIfNoneAwaited(): void {
  if (awaitingFirstImage.size > 0) return;
  const resume = [...pausedQueues];
  pausedQueues.clear();
  for (const queue of resume) queue();
}

/** A prefetcher for the stack `imageIds` (display order). */
export function createStackPrefetcher(imageIds: readonly string[]): StackPrefetcher {
  sequence += 1;
  const owner = `stack-prefetch-${sequence}`;
  let displayed: number | undefined;
  let direction: ScrollDirection = 1;
  let capacity = 0;
  let timer: number | undefined;
  /** When the displayed slice last changed, and the re-queue with the whole window once it stays. */
  let movedAt = Number.NEGATIVE_INFINITY;
  let settleTimer: number | undefined;
  let destroyed = false;
  /** Images that failed: the viewport shows their error when asked; prefetch does not retry them. */
  const failed = new Set<string>();

  const withdraw = () => {
    imageLoadPoolManager.filterRequests((request) => (request.additionalDetails as { owner?: string } | undefined)?.owner !== owner);
  };

  const queue = () => {
    timer = undefined;
    withdraw();
    if (destroyed || displayed === undefined || capacity <= 0) return;
    if (awaitingFirstImage.size > 0) {
      pausedQueues.add(queue);
      return;
    }
    const whole = prefetchWindow(displayed, imageIds.length, direction, capacity);
    const scrolling = performance.now() - movedAt < SCROLLING_MS;
    if (scrolling && settleTimer === undefined) {
      settleTimer = window.setTimeout(() => {
        settleTimer = undefined;
        if (timer === undefined) queue();
      }, SCROLLING_MS);
    }
    const order = prefetchOrder(displayed, imageIds.length, direction, scrolling ? scrollingWindow(whole) : whole);
    for (const index of order) {
      const imageId = imageIds[index];
      if (index === displayed || imageId === undefined || failed.has(imageId) || isCachedOrLoading(imageId)) continue;
      const load = async (): Promise<void> => {
        if (destroyed || isCachedOrLoading(imageId)) return;
        await imageLoader.loadAndCacheImage(imageId, { requestType, priority: 0 }).catch((error: unknown) => {
          failed.add(imageId);
          throw error;
        });
      };
      imageLoadPoolManager.addRequest(load, requestType, { imageId, owner }, 0);
    }
  };

  return {
    centre(index, images) {
      if (displayed !== undefined && index !== displayed) movedAt = performance.now();
      if (displayed !== undefined) direction = scrollDirection(displayed, index, direction);
      displayed = index;
      capacity = images;
      if (timer === undefined) timer = window.setTimeout(queue, RECENTRE_DELAY_MS);
    },
    hold() {
      withdraw();
    },
    destroy() {
      destroyed = true;
      pausedQueues.delete(queue);
      if (timer !== undefined) window.clearTimeout(timer);
      if (settleTimer !== undefined) window.clearTimeout(settleTimer);
      withdraw();
    },
  };
}
