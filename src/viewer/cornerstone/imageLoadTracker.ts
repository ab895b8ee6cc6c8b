/**
 * Which images are decoded and cached, for progress bars: counts per series and a per-image test, fed by the
 * core's image-loaded and cache-removal events. Subscribers are told at most once per animation frame.
 */
import { Enums, eventTarget } from '@cornerstonejs/core';
import { useLayoutEffect, useSyncExternalStore, type RefObject } from 'react';
import { seriesUidInFrameUrl } from '../../domain/viewer/loadProgress.ts';

const loaded = new Set<string>();
const perSeries = new Map<string, number>();
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
    changed();
  });
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_REMOVED, (event: Event) => {
    const imageId = (event as CustomEvent<{ imageId?: string }>).detail.imageId;
    if (!imageId || !loaded.delete(imageId)) return;
    count(imageId, -1);
    changed();
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

/**
 * How many of `imageIds` are decoded and in the cache; re-renders the caller only when that number changes, not
 * at every image loaded elsewhere.
 */
export function useLoadedCount(imageIds: readonly string[]): number {
  return useSyncExternalStore(subscribe, () => loadedAmong(imageIds));
}

/** Whether each of `imageIds` is loaded; the caller re-renders when their loaded count changes. */
export function useLoadedFlags(imageIds: readonly string[]): boolean[] {
  // Re-rendered when the count changes; the flags are read then (a set lookup per slice).
  useLoadedCount(imageIds);
  return imageIds.map((imageId) => loaded.has(imageId));
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
    const write = () => {
      const count = String(loadedAmong(imageIds));
      if (ref.current && ref.current.dataset.loadedCount !== count) ref.current.dataset.loadedCount = count;
    };
    write();
    return subscribe(write);
  }, [ref, imageIds]);
}
