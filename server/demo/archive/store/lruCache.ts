/**
 * A small least-recently-used cache bounded by a total cost (e.g. bytes), on a Map's insertion order.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; cost: number }>();
  private total = 0;

  constructor(
    private readonly maxCost: number,
    private readonly costOf: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    const cost = this.costOf(value);
    const previous = this.entries.get(key);
    if (previous) {
      this.total -= previous.cost;
      this.entries.delete(key);
    }
    if (cost > this.maxCost) return;
    this.entries.set(key, { value, cost });
    this.total += cost;
    for (const [oldKey, entry] of this.entries) {
      if (this.total <= this.maxCost) break;
      this.entries.delete(oldKey);
      this.total -= entry.cost;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
