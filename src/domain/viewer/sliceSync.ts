/**
 * Slice synchronisation between stacks, from Image Position (Patient) (0020,0032) and Image Orientation
 * (Patient) (0020,0037), PS3.3 §C.7.6.2.1.1: positions are projected on the slice normal (row × column
 * direction cosines) and a source slice maps to the target slice nearest along the target's normal, whatever
 * the slice counts, thicknesses or display order. Stacks that are not parallel (axial against sagittal) do
 * not map.
 *
 * Offsets are millimetres along the target's normal, added to the source's projected position: two stacks in
 * the same Frame of Reference (0020,0052) need none; stacks acquired at different times do, and
 * {@link initialOffset} starts from their superior ends (a chest CT and a chest-abdomen-pelvis CT both start at
 * the lung apices, which their centres would not line up), falling back to their centres when the stacks are
 * not axial. The reader corrects it with {@link alignmentOffset} ("these two slices show the same anatomy"), kept
 * per pair of series in an {@link OffsetMemory} (a plain value; persisting it is the caller's business).
 */
import { stringValue, type DicomJsonDataset } from '../dicom/dicomJson.ts';
import { instanceOrientation } from './stackFrames.ts';

export type Vector3 = readonly [number, number, number];

/** What the mapping needs of a frame: its position, and its orientation or the instance carrying it. */
export interface SliceFrame {
  position: readonly number[] | undefined;
  orientation?: readonly number[];
  instance?: DicomJsonDataset;
}

/** The target slice for a source slice, and how far apart they are along the normal (mm, ≥ 0). */
export interface NearestSlice {
  index: number;
  distanceMm: number;
}

/** Whether frames are parallel: normals within this angle (degrees), either way round. */
export const PARALLEL_TOLERANCE_DEGREES = 5;

const dot = (a: readonly number[], b: readonly number[]) => (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0);

function unit(x: number, y: number, z: number): Vector3 | undefined {
  const length = Math.hypot(x, y, z);
  return length > 1e-6 && Number.isFinite(length) ? [x / length, y / length, z / length] : undefined;
}

/** The slice normal of an Image Orientation (Patient): row cosines × column cosines, normalised. */
export function orientationNormal(orientation: readonly number[] | undefined): Vector3 | undefined {
  if (!orientation || orientation.length < 6) return undefined;
  const [rx = 0, ry = 0, rz = 0, cx = 0, cy = 0, cz = 0] = orientation;
  return unit(ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx);
}

/** The plane of an orientation: the patient axis its normal lies closest to (x sagittal, y coronal, z axial). */
export function planeOfOrientation(orientation: readonly number[] | undefined): 'axial' | 'sagittal' | 'coronal' | undefined {
  const normal = orientationNormal(orientation);
  if (!normal) return undefined;
  const [x, y, z] = normal.map(Math.abs) as [number, number, number];
  if (z >= x && z >= y) return 'axial';
  return x >= y ? 'sagittal' : 'coronal';
}

function frameOrientation(frame: SliceFrame): readonly number[] | undefined {
  return frame.orientation ?? (frame.instance ? instanceOrientation(frame.instance) : undefined);
}

/**
 * The normal of a stack: from the first frame with an orientation, else from its first and last positions
 * (a stack of one frame without orientation has none).
 */
export function stackNormal(frames: readonly SliceFrame[]): Vector3 | undefined {
  for (const frame of frames) {
    const normal = orientationNormal(frameOrientation(frame));
    if (normal) return normal;
  }
  const positions = frames.flatMap((frame) => (frame.position && frame.position.length >= 3 ? [frame.position] : []));
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (!first || !last) return undefined;
  return unit((last[0] ?? 0) - (first[0] ?? 0), (last[1] ?? 0) - (first[1] ?? 0), (last[2] ?? 0) - (first[2] ?? 0));
}

/** Whether two normals are parallel (or opposite) within {@link PARALLEL_TOLERANCE_DEGREES}. */
export function areParallel(a: Vector3, b: Vector3, toleranceDegrees = PARALLEL_TOLERANCE_DEGREES): boolean {
  return Math.abs(dot(a, b)) >= Math.cos((toleranceDegrees * Math.PI) / 180);
}

/** The target's normal when both stacks have one and they are parallel. */
function sharedNormal(source: readonly SliceFrame[], target: readonly SliceFrame[]): Vector3 | undefined {
  const targetNormal = stackNormal(target);
  const sourceNormal = stackNormal(source);
  if (!targetNormal || !sourceNormal) return undefined;
  return areParallel(sourceNormal, targetNormal) ? targetNormal : undefined;
}

/**
 * The target slice nearest to source slice `sourceIndex` along the target's normal, after adding `offsetMm`;
 * `undefined` when the stacks are not parallel or positions are missing. The distance lets the caller decide
 * whether the slice is close enough (e.g. within half the target's spacing).
 */
export function nearestSlice(
  source: readonly SliceFrame[],
  sourceIndex: number,
  target: readonly SliceFrame[],
  offsetMm = 0,
): NearestSlice | undefined {
  const position = source[sourceIndex]?.position;
  const normal = sharedNormal(source, target);
  if (!position || position.length < 3 || !normal) return undefined;
  const wanted = dot(position, normal) + offsetMm;
  let best: NearestSlice | undefined;
  target.forEach((frame, index) => {
    if (!frame.position || frame.position.length < 3) return;
    const distanceMm = Math.abs(dot(frame.position, normal) - wanted);
    if (best === undefined || distanceMm < best.distanceMm) best = { index, distanceMm };
  });
  return best;
}

/**
 * The offset (mm along the target's normal) that makes `sourceFrame` and `targetFrame` the same anatomy:
 * the reader's "re-align" on two displayed slices. `undefined` when they are not parallel or lack positions.
 */
export function alignmentOffset(sourceFrame: SliceFrame, targetFrame: SliceFrame): number | undefined {
  const normal = sharedNormal([sourceFrame], [targetFrame]) ?? orientationNormal(frameOrientation(targetFrame));
  const sourceNormal = orientationNormal(frameOrientation(sourceFrame));
  if (!normal || (sourceNormal && !areParallel(sourceNormal, normal))) return undefined;
  if (!sourceFrame.position || !targetFrame.position || sourceFrame.position.length < 3 || targetFrame.position.length < 3) return undefined;
  return dot(targetFrame.position, normal) - dot(sourceFrame.position, normal);
}

/** Frame of Reference UID (0020,0052) of a frame's instance. */
export function frameOfReferenceUid(frame: SliceFrame): string | undefined {
  return frame.instance ? stringValue(frame.instance, '00200052') : undefined;
}

/** How {@link initialOffset} lines up stacks in different frames of reference. */
export type AlignmentAnchor = 'superior' | 'centre';

/**
 * The offset to start from: 0 when both stacks share a Frame of Reference UID; otherwise their superior ends
 * lined up (`anchor: 'superior'`, the default, for axial stacks; the most cranial slice, largest patient z),
 * or their centres (`'centre'`, and for stacks that are not axial). `undefined` when the stacks do not map.
 */
export function initialOffset(source: readonly SliceFrame[], target: readonly SliceFrame[], anchor: AlignmentAnchor = 'superior'): number | undefined {
  const normal = sharedNormal(source, target);
  if (!normal) return undefined;
  const sourceFrame = frameOfReferenceUid(source[0] ?? { position: undefined });
  if (sourceFrame !== undefined && sourceFrame === frameOfReferenceUid(target[0] ?? { position: undefined })) return 0;
  const positions = (frames: readonly SliceFrame[]) => frames.flatMap((frame) => (frame.position && frame.position.length >= 3 ? [frame.position] : []));
  const from = positions(source);
  const to = positions(target);
  if (from.length === 0 || to.length === 0) return undefined;
  if (anchor === 'superior' && Math.abs(normal[2]) >= Math.SQRT1_2) {
    const top = (list: (readonly number[])[]) => list.reduce((best, position) => ((position[2] ?? 0) > (best[2] ?? 0) ? position : best));
    return dot(top(to), normal) - dot(top(from), normal);
  }
  const centre = (list: (readonly number[])[]) => {
    const projected = list.map((position) => dot(position, normal));
    return (Math.min(...projected) + Math.max(...projected)) / 2;
  };
  return centre(to) - centre(from);
}

/** A series as an alignment memory knows it. */
export interface SeriesRef {
  studyUid: string;
  seriesUid: string;
}

/** Remembered offsets, keyed `studyUid/seriesUid→studyUid/seriesUid`; a plain serialisable value. */
export type OffsetMemory = Readonly<Record<string, number>>;

export const EMPTY_OFFSET_MEMORY: OffsetMemory = {};

/** The key of an ordered pair of series: `(studyUid/seriesUid)→(studyUid/seriesUid)`. */
export function seriesPairKey(from: SeriesRef, to: SeriesRef): string {
  return `${from.studyUid}/${from.seriesUid}→${to.studyUid}/${to.seriesUid}`;
}

/** The memory with `offsetMm` from `from` to `to` (the reverse pair, if remembered, is replaced). */
export function rememberOffset(memory: OffsetMemory, from: SeriesRef, to: SeriesRef, offsetMm: number): OffsetMemory {
  const next: Record<string, number> = { ...memory };
  delete next[seriesPairKey(to, from)];
  next[seriesPairKey(from, to)] = offsetMm;
  return next;
}

/** The remembered offset from `from` to `to` (the reverse pair's, negated), or `undefined`. */
export function rememberedOffset(memory: OffsetMemory, from: SeriesRef, to: SeriesRef): number | undefined {
  const direct = memory[seriesPairKey(from, to)];
  if (direct !== undefined) return direct;
  const reverse = memory[seriesPairKey(to, from)];
  return reverse === undefined ? undefined : -reverse;
}

/** The memory without the pair (either way round). */
export function forgetOffset(memory: OffsetMemory, from: SeriesRef, to: SeriesRef): OffsetMemory {
  const next: Record<string, number> = { ...memory };
  delete next[seriesPairKey(from, to)];
  delete next[seriesPairKey(to, from)];
  return next;
}
