/** A seeded pseudo-random generator (mulberry32) and the draws the population needs. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(list: readonly T[]): T;
  /** One element, with Zipf weights (rank r weighs 1 / (r + 1)^s). */
  zipf<T>(list: readonly T[], s?: number): T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const zipfTables = new WeakMap<readonly unknown[], number[]>();
  const random: Random = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)] as (typeof list)[number],
    zipf: (list, s = 1) => {
      let cumulative = zipfTables.get(list);
      if (!cumulative) {
        let sum = 0;
        cumulative = list.map((_, rank) => (sum += 1 / (rank + 1) ** s));
        zipfTables.set(list, cumulative);
      }
      const target = next() * (cumulative[cumulative.length - 1] ?? 0);
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((cumulative[mid] ?? 0) < target) low = mid + 1;
        else high = mid;
      }
      return list[low] as (typeof list)[number];
    },
  };
  return random;
}
