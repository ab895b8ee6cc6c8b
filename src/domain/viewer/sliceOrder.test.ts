import { describe, expect, it } from 'vitest';
import { distanceAlongNormal, orderBySlicePosition, sliceNormal } from './sliceOrder.ts';

const axial = [1, 0, 0, 0, 1, 0];

describe('sliceNormal', () => {
  it('is row × column', () => {
    expect(sliceNormal(axial)).toEqual([0, 0, 1]);
    expect(sliceNormal([0, 1, 0, 0, 0, -1])).toEqual([-1, 0, 0]);
  });
  it('is undefined for a malformed orientation', () => {
    expect(sliceNormal(undefined)).toBeUndefined();
    expect(sliceNormal([1, 0, 0])).toBeUndefined();
    expect(sliceNormal([1, 0, 0, 1, 0, 0])).toBeUndefined();
    expect(sliceNormal([1, 0, 0, 0, Number.NaN, 0])).toBeUndefined();
  });
});

describe('distanceAlongNormal', () => {
  it('projects the position on the normal', () => {
    expect(distanceAlongNormal([10, 20, 30], [0, 0, 1])).toBe(30);
    expect(distanceAlongNormal([10, 20], [0, 0, 1])).toBeUndefined();
  });
});

describe('orderBySlicePosition', () => {
  const slice = (id: string, z: number, orientation = axial) => ({ id, position: [-100, -100, z], orientation });
  const ids = (slices: { id: string }[]) => slices.map((entry) => entry.id);

  it('orders by position along the normal, largest first, whatever the instance numbers say', () => {
    const slices = [slice('a', 10), slice('b', 30), slice('c', 20)];
    expect(ids(orderBySlicePosition(slices, (entry) => entry))).toEqual(['b', 'c', 'a']);
  });

  it('uses the normal, not z, for oblique and sagittal stacks', () => {
    const sagittal = [0, 1, 0, 0, 0, -1];
    const slices = [
      { id: 'right', position: [-40, 0, 0], orientation: sagittal },
      { id: 'left', position: [40, 0, 0], orientation: sagittal },
      { id: 'middle', position: [0, 0, 0], orientation: sagittal },
    ];
    expect(ids(orderBySlicePosition(slices, (entry) => entry))).toEqual(['right', 'middle', 'left']);
  });

  it('keeps the original order for ties and puts slices without a position last', () => {
    const slices = [{ id: 'none', orientation: axial }, slice('a', 5), slice('b', 5), slice('c', 9)];
    expect(ids(orderBySlicePosition(slices, (entry) => entry))).toEqual(['c', 'a', 'b', 'none']);
  });

  it('leaves the order alone when no slice has an orientation', () => {
    const slices = [{ id: 'x' }, { id: 'y' }];
    expect(ids(orderBySlicePosition(slices, () => ({})))).toEqual(['x', 'y']);
  });
});
