/**
 * Which images are decoded and cached, for progress bars: counts per series and a per-image test, fed by the
 * core's image-loaded and cache-removal events. Subscribers are told at most once per animation frame.
 */
import { Enums, eventTarget } from '@cornerstonejs/core';
import { useSyncExternalStore } from 'react';
import { seriesUidInFrameUrl } from '../../domain/viewer/loadProgress.ts';

const loaded = new Set<string>();
const perSeries = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;
let scheduled = false;
let tracking = false;

function changed(): void {
  version += 1;
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

/** Re-renders the caller when the set of loaded images changes; returns a version number. */
function useLoadVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}

/** The number of loaded images of each series (by Series Instance UID). */
export function useLoadedCounts(): ReadonlyMap<string, number> {
  useLoadVersion();
  return perSeries;
}

/** Whether each of `imageIds` is loaded. */
export function useLoadedFlags(imageIds: readonly string[]): boolean[] {
  useLoadVersion();
  return imageIds.map((imageId) => loaded.has(imageId));
}

/** How many of `imageIds` are decoded and in the cache (contract §4 `data-loaded-count`). */
export function useLoadedCount(imageIds: readonly string[]): number {
  useLoadVersion();
  return imageIds.reduce((total, imageId) => (loaded.has(imageId) ? total + 1 : total), 0);
}
