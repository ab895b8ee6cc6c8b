import { describe, expect, it } from 'vitest';
import { automaticOffset } from './automaticAlignment.ts';
import type { SliceFrame } from './sliceSync.ts';

const AXIAL = [1, 0, 0, 0, 1, 0];
const SAGITTAL = [0, 1, 0, 0, 0, -1];

function stack(topZ: number, count: number, spacing: number, frameOfReference: string, orientation = AXIAL): SliceFrame[] {
  return Array.from({ length: count }, (_, index) => ({
    position: [0, 0, topZ - index * spacing],
    orientation,
    instance: { '00200052': { vr: 'UI', Value: [frameOfReference] } },
  }));
}

describe('automatic alignment of two stacks', () => {
  it('starts from the recorded positions when the stacks overlap, even in different frames of reference', () => {
    expect(automaticOffset(stack(195, 120, 2.5, '1.2.3'), stack(192, 80, 5, '1.2.4'))).toBe(0);
  });

  it('lines up the superior ends when the coordinates do not overlap at all', () => {
    expect(automaticOffset(stack(195, 120, 2.5, '1.2.3'), stack(-1000, 80, 5, '1.2.4'))).toBe(-1195);
  });

  it('does not map stacks in different planes', () => {
    expect(automaticOffset(stack(195, 10, 5, '1.2.3'), stack(195, 10, 5, '1.2.4', SAGITTAL))).toBeUndefined();
  });

  it('needs positions', () => {
    expect(automaticOffset([{ position: undefined, orientation: AXIAL }], stack(10, 3, 5, '1'))).toBeUndefined();
  });
});
