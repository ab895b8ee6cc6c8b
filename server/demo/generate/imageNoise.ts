/**
 * Deterministic acquisition noise: each image adds a window of a shared Gaussian table (σ = 10) starting at a
 * seeded random offset, which costs one addition per pixel.
 */
import { gaussianNoiseTable, type Random } from './prng.ts';

const log2TableSize = 20;
let table: Int16Array | undefined;

/** The process-wide noise table, σ = 10, 2^20 entries. */
export function sharedNoiseTable(): Int16Array {
  table ??= gaussianNoiseTable(log2TableSize, 10, 'passerelle-demo/noise');
  return table;
}

/**
 * Stored values `clamp(value + offset + gain·noise, 0, max)`. With `magnitude`, the noisy value is folded
 * to its absolute value first, as MR magnitude images are.
 */
export function addNoiseAndOffset(
  values: Int16Array,
  offset: number,
  noise: Int16Array,
  random: Random,
  max: number,
  options: { gain?: number; magnitude?: boolean } = {},
): Uint16Array {
  const out = new Uint16Array(values.length);
  const mask = noise.length - 1;
  const start = Math.floor(random() * noise.length);
  const gain = options.gain ?? 1;
  const magnitude = options.magnitude ?? false;
  for (let i = 0; i < values.length; i++) {
    let v = (values[i] ?? 0) + offset + gain * (noise[(start + i) & mask] ?? 0);
    if (magnitude && v < 0) v = -v;
    out[i] = v < 0 ? 0 : v > max ? max : Math.round(v);
  }
  return out;
}
