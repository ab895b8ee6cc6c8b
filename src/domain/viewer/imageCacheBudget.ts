/**
 * The image cache's budget and its eviction choice: how many bytes decoded images may hold, how many images each
 * viewport may keep ready, and which images leave first when room is needed — the least recently used, never one
 * of a displayed neighbourhood. Pure: sizes and keys in, sizes and keys out.
 */

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** The most the cache takes by default, whatever the device. */
export const MAX_DEFAULT_CACHE_BYTES = GIB;

/** What the default budget assumes when the browser does not say how much memory the device has. */
const UNKNOWN_DEVICE_MEMORY_GIB = 4;

/** Images kept on each side of a displayed one, whatever the age of their last use. */
export const NEIGHBOURHOOD_RADIUS = 2;

/** The part of the budget the prefetch windows of all viewports share. */
const WINDOW_SHARE = 0.9;

/**
 * The cache budget in bytes: `viewer.imageCacheMB` of the configuration when set, else a quarter of the device's
 * memory (`navigator.deviceMemory`, GiB) up to 1 GiB.
 */
export function imageCacheBytes(configuredMB: number | undefined, deviceMemoryGiB: number | undefined): number {
  if (configuredMB !== undefined) return Math.floor(configuredMB * MIB);
  const memory = deviceMemoryGiB && deviceMemoryGiB > 0 ? deviceMemoryGiB : UNKNOWN_DEVICE_MEMORY_GIB;
  return Math.min(MAX_DEFAULT_CACHE_BYTES, Math.floor((memory * GIB) / 4));
}

/**
 * How many images besides the displayed one a viewport may keep ready: its share of nine tenths of the budget (the
 * rest is headroom for thumbnails and other series, so that a window never evicts its own images), less the
 * displayed one.
 */
export function prefetchCapacity(budgetBytes: number, bytesPerImage: number, viewports: number): number {
  if (bytesPerImage <= 0) return 0;
  const perViewport = Math.floor((budgetBytes * WINDOW_SHARE) / bytesPerImage / Math.max(1, viewports));
  return Math.max(0, perViewport - 1);
}

/** The display indices of a stack protected from eviction around a displayed one. */
export function neighbourhood(displayed: number, count: number, radius = NEIGHBOURHOOD_RADIUS): number[] {
  const indices: number[] = [];
  for (let index = Math.max(0, displayed - radius); index <= Math.min(count - 1, displayed + radius); index += 1) indices.push(index);
  return indices;
}

/** One cached image as the eviction sees it. */
export interface CachedEntry {
  key: string;
  bytes: number;
  /** When it was last used (any increasing clock). */
  lastUsed: number;
}

/**
 * The images to evict so that `needed` more bytes fit under `budget` when `used` are held: least recently used
 * first, never a protected one. Returns fewer than needed (possibly none) when only protected images remain.
 */
export function chooseEvictions(entries: readonly CachedEntry[], protectedKeys: ReadonlySet<string>, used: number, needed: number, budget: number): string[] {
  let excess = used + needed - budget;
  if (excess <= 0) return [];
  const candidates = entries.filter((entry) => entry.bytes > 0 && !protectedKeys.has(entry.key)).sort((a, b) => a.lastUsed - b.lastUsed);
  const chosen: string[] = [];
  for (const entry of candidates) {
    if (excess <= 0) break;
    chosen.push(entry.key);
    excess -= entry.bytes;
  }
  return chosen;
}
