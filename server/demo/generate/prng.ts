/**
 * Seeded pseudo-random numbers, so that every generated pixel is reproducible from a stable name.
 */
import { createHash } from 'node:crypto';

export type Random = () => number;

/** A 32-bit seed derived from a stable name. */
export function seedFromName(name: string): number {
  return createHash('sha256').update(name, 'utf8').digest().readUInt32LE(0);
}

/** Mulberry32: a small, fast generator of uniform numbers in [0, 1). */
export function createRandom(seedName: string): Random {
  let state = seedFromName(seedName);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [min, max). */
export function randomBetween(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/**
 * A table of `2^log2Size` normally distributed integers (mean 0, standard deviation `sigma`) made with the
 * Box–Muller transform. Images add a window of this table at a random offset instead of drawing per pixel.
 */
export function gaussianNoiseTable(log2Size: number, sigma: number, seedName: string): Int16Array {
  const size = 1 << log2Size;
  const random = createRandom(seedName);
  const table = new Int16Array(size);
  for (let i = 0; i < size; i += 2) {
    const u1 = 1 - random();
    const u2 = random();
    const radius = sigma * Math.sqrt(-2 * Math.log(u1));
    table[i] = Math.round(radius * Math.cos(2 * Math.PI * u2));
    if (i + 1 < size) table[i + 1] = Math.round(radius * Math.sin(2 * Math.PI * u2));
  }
  return table;
}
