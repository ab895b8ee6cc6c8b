/**
 * Where synchronised scrolling starts for two stacks before the reader re-aligns them: from their recorded
 * positions (Image Position (Patient), PS3.3 §C.7.6.2.1.1) when their extents along the normal overlap — a
 * patient's examinations on the same or a similar table usually do, even in different frames of reference —
 * otherwise (the coordinates say nothing about each other) with their superior ends lined up.
 */
import { initialOffset, stackNormal, type SliceFrame } from './sliceSync.ts';

function extent(frames: readonly SliceFrame[], normal: readonly number[]): [number, number] | undefined {
  const projected = frames.flatMap((frame) =>
    frame.position && frame.position.length >= 3 ? [frame.position.reduce((sum, value, axis) => sum + value * (normal[axis] ?? 0), 0)] : [],
  );
  return projected.length === 0 ? undefined : [Math.min(...projected), Math.max(...projected)];
}

/** The offset (mm along the target's normal) to add to a source position; `undefined` when the stacks do not map. */
export function automaticOffset(source: readonly SliceFrame[], target: readonly SliceFrame[]): number | undefined {
  const normal = stackNormal(target);
  if (!normal) return undefined;
  const from = extent(source, normal);
  const to = extent(target, normal);
  if (!from || !to) return undefined;
  if (initialOffset(source, target) === undefined) return undefined;
  const overlaps = from[0] <= to[1] && to[0] <= from[1];
  return overlaps ? 0 : initialOffset(source, target, 'superior');
}
