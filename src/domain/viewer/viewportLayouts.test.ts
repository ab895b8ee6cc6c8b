import { describe, expect, it } from 'vitest';
import { fillViewports, layoutGrid, viewportCount } from './viewportLayouts.ts';

describe('layoutGrid', () => {
  it('reads rows × columns', () => {
    expect(layoutGrid('1x2')).toEqual({ rows: 1, columns: 2 });
    expect(layoutGrid('2x1')).toEqual({ rows: 2, columns: 1 });
    expect(viewportCount('3x3')).toBe(9);
    expect(viewportCount('1x3')).toBe(3);
  });
});

describe('fillViewports', () => {
  it('keeps the shown series and adds the next unshown ones, then repeats', () => {
    expect(fillViewports(['b'], 3, ['a', 'b', 'c'])).toEqual(['b', 'a', 'c']);
    expect(fillViewports(['a'], 4, ['a', 'b'])).toEqual(['a', 'b', 'a', 'b']);
    expect(fillViewports(['a', 'b', 'c'], 1, ['a', 'b', 'c'])).toEqual(['a']);
    expect(fillViewports([], 2, [])).toEqual([]);
  });
});
