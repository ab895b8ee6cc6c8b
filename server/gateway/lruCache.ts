/**
 * A bounded map that forgets the least recently used entry first, each entry for at most its own time to live.
 * Pure apart from the clock, which the caller passes.
 */
export interface LruCache<V> {
  get(key: string, now: number): V | undefined;
  set(key: string, value: V, expiresAt: number): void;
  delete(key: string): void;
  size(): number;
}

export function createLruCache<V>(maxEntries: number): LruCache<V> {
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recent entry first.
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, expiresAt) {
      entries.delete(key);
      entries.set(key, { value, expiresAt });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    delete: (key) => void entries.delete(key),
    size: () => entries.size,
  };
}
