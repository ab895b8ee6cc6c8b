import { describe, expect, it } from 'vitest';
import { loadedRuns, loadFraction, seriesUidInFrameUrl } from './loadProgress.ts';

describe('loadFraction', () => {
  it('is loaded over total, clamped to 0–1', () => {
    expect(loadFraction(30, 120)).toBe(0.25);
    expect(loadFraction(0, 120)).toBe(0);
    expect(loadFraction(5, 0)).toBe(0);
    expect(loadFraction(130, 120)).toBe(1);
  });
});

describe('loadedRuns', () => {
  it('groups consecutive loaded frames', () => {
    expect(loadedRuns([true, true, false, true, false, false, true, true])).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 4 },
      { start: 6, end: 8 },
    ]);
    expect(loadedRuns([false, false])).toEqual([]);
  });
});

describe('seriesUidInFrameUrl', () => {
  it('reads the series of a frame URL', () => {
    expect(seriesUidInFrameUrl('wadors:http://x/sites/chu/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4/frames/1')).toBe('1.2.3');
    expect(seriesUidInFrameUrl('wadors:http://x/other')).toBeUndefined();
  });
});
