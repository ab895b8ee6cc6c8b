import { describe, expect, it } from 'vitest';
import { chooseEvictions, imageCacheBytes, neighbourhood, prefetchCapacity } from './imageCacheBudget.ts';

const MIB = 1024 * 1024;
const SLICE = 512 * 512 * 2;

describe('imageCacheBytes', () => {
  it('takes the configured size in MiB', () => {
    expect(imageCacheBytes(64, 8)).toBe(64 * MIB);
  });

  it('defaults to a quarter of the device memory, at most 1 GiB', () => {
    expect(imageCacheBytes(undefined, 2)).toBe(512 * MIB);
    expect(imageCacheBytes(undefined, 8)).toBe(1024 * MIB);
    expect(imageCacheBytes(undefined, 0.5)).toBe(128 * MIB);
  });

  it('assumes 4 GiB when the device does not say', () => {
    expect(imageCacheBytes(undefined, undefined)).toBe(1024 * MIB);
  });
});

describe('prefetchCapacity', () => {
  it('shares nine tenths of the budget between viewports, less the displayed image', () => {
    expect(prefetchCapacity(64 * MIB, SLICE, 1)).toBe(114);
    expect(prefetchCapacity(64 * MIB, SLICE, 4)).toBe(27);
  });

  it('is nothing when images are not known yet or do not fit', () => {
    expect(prefetchCapacity(64 * MIB, 0, 1)).toBe(0);
    expect(prefetchCapacity(SLICE, SLICE, 1)).toBe(0);
  });

  it('bounds a 6,000-slice series to the budget', () => {
    expect(prefetchCapacity(1024 * MIB, SLICE, 1) * SLICE).toBeLessThanOrEqual(1024 * MIB);
  });
});

describe('neighbourhood', () => {
  it('is the displayed index and its neighbours inside the stack', () => {
    expect(neighbourhood(10, 120)).toEqual([8, 9, 10, 11, 12]);
    expect(neighbourhood(0, 120)).toEqual([0, 1, 2]);
    expect(neighbourhood(119, 120, 1)).toEqual([118, 119]);
  });
});

describe('chooseEvictions', () => {
  const entries = [
    { key: 'a', bytes: 10, lastUsed: 5 },
    { key: 'b', bytes: 10, lastUsed: 1 },
    { key: 'c', bytes: 10, lastUsed: 3 },
    { key: 'd', bytes: 10, lastUsed: 2 },
    { key: 'pending', bytes: 0, lastUsed: 0 },
  ];

  it('evicts nothing while the new image fits', () => {
    expect(chooseEvictions(entries, new Set(), 40, 10, 50)).toEqual([]);
  });

  it('evicts the least recently used first, just enough', () => {
    expect(chooseEvictions(entries, new Set(), 40, 10, 40)).toEqual(['b']);
    expect(chooseEvictions(entries, new Set(), 40, 20, 40)).toEqual(['b', 'd']);
  });

  it('never evicts a protected image, nor one still loading', () => {
    expect(chooseEvictions(entries, new Set(['b', 'd']), 40, 20, 40)).toEqual(['c', 'a']);
    expect(chooseEvictions(entries, new Set(['a', 'b', 'c', 'd']), 40, 20, 40)).toEqual([]);
  });
});
