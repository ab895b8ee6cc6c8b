import { describe, expect, it } from 'vitest';
import { formatImagePosition, formatVoi } from './viewportText.ts';

describe('formatImagePosition', () => {
  it('writes x\\y\\z', () => {
    expect(formatImagePosition([-189.62890625, -189.62890625, 195])).toBe('-189.629\\-189.629\\195');
    expect(formatImagePosition([0, -0.0001, 2.5])).toBe('0\\0\\2.5');
    expect(formatImagePosition(undefined)).toBe('');
    expect(formatImagePosition([1, 2])).toBe('');
  });
});

describe('formatVoi', () => {
  it('writes center,width rounded', () => {
    expect(formatVoi({ center: -600.4, width: 1500.6 })).toBe('-600,1501');
    expect(formatVoi({ center: -0.2, width: 80 })).toBe('0,80');
    expect(formatVoi(undefined)).toBe('');
  });
});
