/**
 * Which images are decoded and cached, for progress bars: counts per series and per stack, and a per-image test,
 * fed by the core's image-loaded and cache-removal events. A stack's count is kept as images come and go (one
 * lookup per watched stack and event), not recounted over its images: a series of thousands costs the same per image
 * as one of a hundred. Subscribers are told at most once per animation frame.
 */
import { Enums, eventTarget } from '@cornerstonejs/core';
import { useCallback, useLayoutEffect, useMemo, useSyncExternalStore, type RefObject } from 'react';
import { seriesUidInFrameUrl } from '../../domain/viewer/loadProgress.ts';

/** A stack whose loaded count is kept: how often each of its image ids occurs, the count, and who watches it. */
interface WatchedStack {
  occurrences: Map<string, number>;
  loaded: number;
  watchers: number;
}

const loaded = new Set<string>();
const perSeries = new Map<string, number>();
const watchedStacks = new Map<readonly string[], WatchedStack>();
const listeners = new Set<() => void>();
let scheduled = false;
let tracking = false;

function changed(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    for (const listener of listeners) listener();
  });
}

function count(imageId: string, delta: number): void {
  const series = seriesUidInFrameUrl(imageId);
  if (series) perSeries.set(series, Math.max(0, (perSeries.get(series) ?? 0) + delta));
  for (const stack of watchedStacks.values()) {
    const times = stack.occurrences.get(imageId);
    if (times !== undefined) stack.loaded += delta * times;
  }
  changed();
}

/** Starts listening to the core's events (once). */
export function startImageLoadTracking(): void {
  if (tracking) return;
  tracking = true;
  eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, (event: Event) => {
    const imageId = (event as CustomEvent<{ image?: { imageId?: string } }>).detail.image?.imageId;
    if (!imageId || loaded.has(imageId)) return;
    loaded.add(imageId);
    count(imageId, 1);
  });
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_REMOVED, (event: Event) => {
    const imageId = (event as CustomEvent<{ imageId?: string }>).detail.imageId;
    if (!imageId || !loaded.delete(imageId)) return;
    count(imageId, -1);
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function loadedAmong(imageIds: readonly string[]): number {
  let total = 0;
  for (const imageId of imageIds) if (loaded.has(imageId)) total += 1;
  return total;
}

/** Keeps the loaded count of `imageIds` from now on (counted once here); the returned function stops it. */
function watchStack(imageIds: readonly string[]): () => void {
  let stack = watchedStacks.get(imageIds);
  if (!stack) {
    const occurrences = new Map<string, number>();
    for (const imageId of imageIds) occurrences.set(imageId, (occurrences.get(imageId) ?? 0) + 1);
    stack = { occurrences, loaded: loadedAmong(imageIds), watchers: 0 };
    watchedStacks.set(imageIds, stack);
  }
  stack.watchers += 1;
  const watched = stack;
  return () => {
    watched.watchers -= 1;
    if (watched.watchers === 0) watchedStacks.delete(imageIds);
  };
}

/** How many of `imageIds` are loaded: the kept count while the stack is watched, else counted. */
function loadedCountOf(imageIds: readonly string[]): number {
  return watchedStacks.get(imageIds)?.loaded ?? loadedAmong(imageIds);
}

/**
 * How many of `imageIds` are decoded and in the cache; re-renders the caller only when that number changes, not
 * at every image loaded elsewhere.
 */
export function useLoadedCount(imageIds: readonly string[]): number {
  const subscribeStack = useCallback(
    (listener: () => void) => {
      const unwatch = watchStack(imageIds);
      const unsubscribe = subscribe(listener);
      return () => {
        unsubscribe();
        unwatch();
      };
    },
    [imageIds],
  );
  return useSyncExternalStore(subscribeStack, () => loadedCountOf(imageIds));
}

/**
 * Whether each of `imageIds` is loaded, with their loaded count; the flags are read again only when that count
 * changes (the caller re-renders for other reasons without going over every image).
 */
export function useLoadedFlags(imageIds: readonly string[]): { flags: readonly boolean[]; loadedCount: number } {
  const loadedCount = useLoadedCount(imageIds);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the flags follow the count, which changes with them
  const flags = useMemo(() => imageIds.map((imageId) => loaded.has(imageId)), [imageIds, loadedCount]);
  return { flags, loadedCount };
}

/** The number of loaded images of the series `seriesUid`; re-renders the caller when it changes. */
export function useSeriesLoadedCount(seriesUid: string): number {
  return useSyncExternalStore(subscribe, () => perSeries.get(seriesUid) ?? 0);
}

/**
 * Keeps `data-loaded-count` (contract §4) on the element of `ref` equal to the number of `imageIds` decoded and
 * cached. Written on the element, not rendered: a viewport is not re-rendered for every slice that arrives while
 * its series loads.
 */
export function useLoadedCountAttribute(ref: RefObject<HTMLElement | null>, imageIds: readonly string[]): void {
  useLayoutEffect(() => {
    const unwatch = watchStack(imageIds);
    const write = () => {
      const count = String(loadedCountOf(imageIds));
      if (ref.current && ref.current.dataset.loadedCount !== count) ref.current.dataset.loadedCount = count;
    };
    write();
    const unsubscribe = subscribe(write);
    return () => {
      unsubscribe();
      unwatch();
    };
  }, [ref, imageIds]);
}
