import { describe, expect, it } from 'vitest';
import { endInstanceNumbers, instanceSearchUrl, isLargeSeries, LARGE_SERIES_INSTANCES, shareRepeatedAttributes, type AttributePool } from './largeSeries.ts';

describe('isLargeSeries', () => {
  it('opens series beyond the threshold incrementally, others at once', () => {
    expect(isLargeSeries(LARGE_SERIES_INSTANCES + 1)).toBe(true);
    expect(isLargeSeries(LARGE_SERIES_INSTANCES)).toBe(false);
    expect(isLargeSeries(120)).toBe(false);
    expect(isLargeSeries(undefined)).toBe(false);
  });
});

describe('instanceSearchUrl', () => {
  it('asks for the ordering attributes, and matches one Instance Number when given', () => {
    expect(instanceSearchUrl('/s/studies/1/series/2')).toBe('/s/studies/1/series/2/instances?includefield=00200013&includefield=00200032&includefield=00200037&includefield=00280008');
    expect(instanceSearchUrl('/s/studies/1/series/2', 6000)).toBe('/s/studies/1/series/2/instances?00200013=6000&includefield=00200013&includefield=00200032&includefield=00200037&includefield=00280008');
  });
});

describe('endInstanceNumbers', () => {
  it('names both ends of the numbering', () => {
    expect(endInstanceNumbers(6000)).toEqual([1, 6000]);
    expect(endInstanceNumbers(1)).toEqual([1]);
  });
});

describe('shareRepeatedAttributes', () => {
  it('keeps one copy of an attribute repeated from one instance to the next, and each value that differs', () => {
    const pool: AttributePool = new Map();
    const first = shareRepeatedAttributes({ '00281053': { vr: 'DS', Value: [1] }, '00200032': { vr: 'DS', Value: [0, 0, 10] } }, pool);
    const second = shareRepeatedAttributes({ '00281053': { vr: 'DS', Value: [1] }, '00200032': { vr: 'DS', Value: [0, 0, 9] } }, pool);
    expect(second['00281053']).toBe(first['00281053']);
    expect(second['00200032']).not.toBe(first['00200032']);
    expect(second['00200032']).toEqual({ vr: 'DS', Value: [0, 0, 9] });
  });

  it('never shares attributes whose values differ only in type or order', () => {
    const pool: AttributePool = new Map();
    const first = shareRepeatedAttributes({ '00281052': { vr: 'DS', Value: [-1024] } }, pool);
    const second = shareRepeatedAttributes({ '00281052': { vr: 'DS', Value: ['-1024'] } }, pool);
    expect(second['00281052']).not.toBe(first['00281052']);
    expect(second['00281052']?.Value).toEqual(['-1024']);
  });
});
