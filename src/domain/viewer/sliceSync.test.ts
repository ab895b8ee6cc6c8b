import { describe, expect, it } from 'vitest';
import {
  alignmentOffset,
  EMPTY_OFFSET_MEMORY,
  forgetOffset,
  initialOffset,
  nearestSlice,
  planeOfOrientation,
  rememberedOffset,
  rememberOffset,
  seriesPairKey,
  stackNormal,
  type SliceFrame,
} from './sliceSync.ts';

const AXIAL = [1, 0, 0, 0, 1, 0];
const SAGITTAL = [0, 1, 0, 0, 0, -1];
const CORONAL = [1, 0, 0, 0, 0, -1];

/** An axial stack of `count` slices `spacing` mm apart from z = `top` downwards (display order head first). */
function axialStack(count: number, spacing: number, top: number, frameOfReference?: string): SliceFrame[] {
  return Array.from({ length: count }, (_, index) => ({
    position: [-200, -200, top - index * spacing],
    orientation: AXIAL,
    ...(frameOfReference ? { instance: { '00200052': { vr: 'UI', Value: [frameOfReference] } } } : {}),
  }));
}

describe('orientation', () => {
  it('names the plane of an orientation', () => {
    expect(planeOfOrientation(AXIAL)).toBe('axial');
    expect(planeOfOrientation(SAGITTAL)).toBe('sagittal');
    expect(planeOfOrientation(CORONAL)).toBe('coronal');
    expect(planeOfOrientation([1, 0, 0])).toBeUndefined();
  });
  it('takes the normal from the orientation, else from the positions', () => {
    expect(stackNormal(axialStack(3, 1, 0))).toEqual([0, 0, 1]);
    const withoutOrientation = axialStack(3, 2, 0).map((frame) => ({ position: frame.position }));
    expect(stackNormal(withoutOrientation)?.[2]).toBeCloseTo(-1);
    expect(stackNormal([{ position: [0, 0, 0] }])).toBeUndefined();
  });
  it('reads the orientation from the instance', () => {
    const frames = [{ position: [0, 0, 0], instance: { '00200037': { vr: 'DS', Value: SAGITTAL } } }];
    expect(stackNormal(frames)?.[0]).toBeCloseTo(-1);
  });
});

describe('nearestSlice', () => {
  it('maps a 2.5 mm stack onto a 5 mm stack by position, whatever the counts', () => {
    const thin = axialStack(120, 2.5, 0);
    const thick = axialStack(80, 5, 0);
    expect(nearestSlice(thin, 0, thick)).toEqual({ index: 0, distanceMm: 0 });
    expect(nearestSlice(thin, 4, thick)).toEqual({ index: 2, distanceMm: 0 });
    expect(nearestSlice(thin, 5, thick)?.distanceMm).toBeCloseTo(2.5);
    expect(nearestSlice(thick, 10, thin)).toEqual({ index: 20, distanceMm: 0 });
    expect(nearestSlice(thin, 119, thick)).toEqual({ index: 59, distanceMm: 2.5 });
  });

  it('follows positions when the target is in reverse order', () => {
    const source = axialStack(10, 5, 0);
    const reversed = [...axialStack(10, 5, 0)].reverse();
    expect(nearestSlice(source, 0, reversed)?.index).toBe(9);
    expect(nearestSlice(source, 9, reversed)?.index).toBe(0);
    const flipped = source.map((frame) => ({ ...frame, orientation: [1, 0, 0, 0, -1, 0] }));
    expect(nearestSlice(source, 3, flipped)).toEqual({ index: 3, distanceMm: 0 });
  });

  it('applies an offset between frames of reference, and says how far the nearest slice is', () => {
    const current = axialStack(120, 2.5, 0);
    const prior = axialStack(80, 5, 40);
    expect(nearestSlice(current, 0, prior, 0)).toEqual({ index: 8, distanceMm: 0 });
    expect(nearestSlice(current, 0, prior, 40)).toEqual({ index: 0, distanceMm: 0 });
    expect(nearestSlice(current, 0, prior, 100)).toEqual({ index: 0, distanceMm: 60 });
  });

  it('does not map stacks that are not parallel, or frames without positions', () => {
    const axial = axialStack(10, 5, 0);
    const sagittal = Array.from({ length: 10 }, (_, index) => ({ position: [index * 3, -200, 0], orientation: SAGITTAL }));
    expect(nearestSlice(axial, 0, sagittal)).toBeUndefined();
    expect(nearestSlice([{ position: undefined, orientation: AXIAL }], 0, axial)).toBeUndefined();
    expect(nearestSlice(axial, 99, axial)).toBeUndefined();
  });
});

describe('alignment', () => {
  it('computes the offset that makes two displayed slices the same anatomy', () => {
    const current = axialStack(120, 2.5, 0);
    const prior = axialStack(80, 5, 40);
    const offset = alignmentOffset(current[10] as SliceFrame, prior[3] as SliceFrame);
    expect(offset).toBe(40 - 15 - -25);
    expect(nearestSlice(current, 10, prior, offset)).toEqual({ index: 3, distanceMm: 0 });
    expect(alignmentOffset(current[0] as SliceFrame, { position: [0, 0, 0], orientation: SAGITTAL })).toBeUndefined();
  });

  it('starts from the superior ends for axial stacks in different frames of reference, from 0 in the same one', () => {
    const thorax = axialStack(120, 2.5, 0, '2.25.1');
    const tap = axialStack(80, 5, 30, '2.25.2');
    expect(initialOffset(thorax, tap)).toBe(30);
    expect(initialOffset(thorax, axialStack(80, 5, 30, '2.25.1'))).toBe(0);
    expect(initialOffset(thorax, tap, 'centre')).toBeCloseTo(30 - 197.5 - (0 - 148.75));
  });

  it('lines up centres of stacks that are not axial, and refuses non-parallel stacks', () => {
    const sagittal = (from: number) => Array.from({ length: 5 }, (_, index) => ({ position: [from + index * 2, 0, 0], orientation: SAGITTAL }));
    // The sagittal normal (row × column) points to the patient's right (-x): 10 mm to the left is -10 along it.
    const offset = initialOffset(sagittal(0), sagittal(10));
    expect(offset).toBe(-10);
    expect(nearestSlice(sagittal(0), 0, sagittal(10), offset)).toEqual({ index: 0, distanceMm: 0 });
    expect(initialOffset(sagittal(0), axialStack(5, 1, 0))).toBeUndefined();
  });
});

describe('offset memory', () => {
  const current = { studyUid: '2.25.1', seriesUid: '2.25.1.2' };
  const prior = { studyUid: '2.25.2', seriesUid: '2.25.2.3' };
  it('keys pairs of series and reads the reverse pair negated', () => {
    expect(seriesPairKey(current, prior)).toBe('2.25.1/2.25.1.2→2.25.2/2.25.2.3');
    const memory = rememberOffset(EMPTY_OFFSET_MEMORY, current, prior, 12.5);
    expect(rememberedOffset(memory, current, prior)).toBe(12.5);
    expect(rememberedOffset(memory, prior, current)).toBe(-12.5);
    expect(rememberedOffset(EMPTY_OFFSET_MEMORY, current, prior)).toBeUndefined();
    expect(EMPTY_OFFSET_MEMORY).toEqual({});
  });
  it('replaces the reverse pair and forgets either way round', () => {
    const memory = rememberOffset(rememberOffset(EMPTY_OFFSET_MEMORY, current, prior, 12.5), prior, current, 4);
    expect(Object.keys(memory)).toEqual([seriesPairKey(prior, current)]);
    expect(rememberedOffset(memory, current, prior)).toBe(-4);
    expect(forgetOffset(memory, current, prior)).toEqual({});
  });
});
