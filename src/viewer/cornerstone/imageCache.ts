/**
 * The bound on decoded images (Cornerstone3D's image cache): its size from the configuration or the device, an
 * eviction that keeps every viewport's displayed neighbourhood (see domain/viewer/imageCacheBudget.ts) in place of
 * the cache's plain least-recently-used one, and the bytes it holds, published on the page root as
 * `data-cache-bytes` at most once per animation frame.
 */
import { cache, Enums, eventTarget } from '@cornerstonejs/core';
import { chooseEvictions, imageCacheBytes } from '../../domain/viewer/imageCacheBudget.ts';

/** What the cache keeps of one image (Cornerstone's internal record, read only). */
interface CachedImageRecord {
  imageId: string;
  loaded: boolean;
  sizeInBytes?: number;
  timeStamp?: number;
  sharedCacheKey?: string;
}

/** The images a viewport needs kept: its displayed one and neighbours. */
export type ProtectedImages = () => readonly string[];

const protectors = new Set<ProtectedImages>();
let started = false;
let publishScheduled = false;

/** Cornerstone's image records: read for the eviction choice, which needs every image's size and last use. */
function records(): Map<string, CachedImageRecord> {
  return (cache as unknown as { _imageCache: Map<string, CachedImageRecord> })._imageCache;
}

/** Whether the cache holds `imageId`, decoded or on its way, without counting this as a use. */
export function isCachedOrLoading(imageId: string): boolean {
  return records().has(imageId);
}

/** Sets the cache size: `imageCacheMB` of the configuration, else a default from the device's memory. */
export function setImageCacheLimit(configuredMB: number | undefined): void {
  const deviceMemory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  cache.setMaxCacheSize(imageCacheBytes(configuredMB, deviceMemory));
}

/** The cache size in bytes. */
export function imageCacheLimit(): number {
  return cache.getMaxCacheSize();
}

/** How many viewports keep images in the cache now. */
export function viewportsUsingCache(): number {
  return protectors.size;
}

/** Keeps `images()` out of eviction until the returned function is called. */
export function protectImages(images: ProtectedImages): () => void {
  protectors.add(images);
  return () => protectors.delete(images);
}

function publishCacheBytes(): void {
  if (publishScheduled) return;
  publishScheduled = true;
  requestAnimationFrame(() => {
    publishScheduled = false;
    document.documentElement.dataset.cacheBytes = String(cache.getCacheSize());
  });
}

/**
 * Share of the budget freed beyond what an image needs when the cache is full: the choice goes over every cached
 * image (thousands for a large series), so it is made once for a few dozen images, not for each one.
 */
const EVICTION_SLACK = 0.02;

/**
 * Makes room for `numBytes` more (and `EVICTION_SLACK` of the budget besides): the least recently used decoded
 * images go first, never one a viewport protects; images still loading hold no bytes and stay.
 */
function makeRoom(numBytes: number, keep?: readonly string[]): number {
  if (cache.getBytesAvailable() >= numBytes) return cache.getBytesAvailable();
  const slack = Math.floor(cache.getMaxCacheSize() * EVICTION_SLACK);
  const protectedIds = new Set(keep ?? []);
  for (const images of protectors) for (const imageId of images()) protectedIds.add(imageId);
  const entries = [...records().values()]
    .filter((record) => record.loaded && !record.sharedCacheKey)
    .map((record) => ({ key: record.imageId, bytes: record.sizeInBytes ?? 0, lastUsed: record.timeStamp ?? 0 }));
  for (const imageId of chooseEvictions(entries, protectedIds, cache.getCacheSize(), numBytes + slack, cache.getMaxCacheSize())) {
    cache.removeImageLoadObject(imageId);
  }
  return cache.getBytesAvailable();
}

/** Installs the eviction and the `data-cache-bytes` publication (once). */
export function startImageCache(): void {
  if (started) return;
  started = true;
  cache.decacheIfNecessaryUntilBytesAvailable = makeRoom;
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_ADDED, publishCacheBytes);
  eventTarget.addEventListener(Enums.Events.IMAGE_CACHE_IMAGE_REMOVED, publishCacheBytes);
  publishCacheBytes();
}
