/**
 * Display order of the single-frame images of a stack: by position along the slice normal (PS3.3 §C.7.6.2.1.1,
 * Image Position and Image Orientation (Patient)), never by Instance Number, which modalities number in any
 * direction. The normal is row cosines × column cosines; an image's distance along it is its position · normal.
 */

export type Vector3 = readonly [number, number, number];

/** Where one image lies: Image Position (Patient) and Image Orientation (Patient), when the header has them. */
export interface SliceGeometry {
  position?: readonly number[];
  orientation?: readonly number[];
}

function finite(values: readonly number[] | undefined, length: number): number[] | undefined {
  if (values === undefined || values.length < length) return undefined;
  const head = values.slice(0, length);
  return head.every(Number.isFinite) ? head : undefined;
}

/** The slice normal (row × column direction cosines) of an orientation, or `undefined` if it is malformed. */
export function sliceNormal(orientation: readonly number[] | undefined): Vector3 | undefined {
  const cosines = finite(orientation, 6);
  if (cosines === undefined) return undefined;
  const [rx = 0, ry = 0, rz = 0, cx = 0, cy = 0, cz = 0] = cosines;
  const normal: Vector3 = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const length = Math.hypot(...normal);
  return length > 1e-6 ? [normal[0] / length, normal[1] / length, normal[2] / length] : undefined;
}

/** The distance of `position` along `normal` (mm), or `undefined` if the position is malformed. */
export function distanceAlongNormal(position: readonly number[] | undefined, normal: Vector3): number | undefined {
  const [x, y, z] = finite(position, 3) ?? [];
  if (x === undefined || y === undefined || z === undefined) return undefined;
  return x * normal[0] + y * normal[1] + z * normal[2];
}

/**
 * `slices` in display order: the largest distance along the normal first (for an axial series acquired head
 * first, the most cranial slice first, as Cornerstone3D orders volumes). The normal is taken from the first
 * slice with a valid orientation. Slices without a usable position come last, in their original order; ties
 * keep their original order too, so the order `slices` come in (Instance Number order, say) breaks ties.
 */
export function orderBySlicePosition<T>(slices: readonly T[], geometryOf: (slice: T) => SliceGeometry): T[] {
  const normal = slices.map((slice) => sliceNormal(geometryOf(slice).orientation)).find((candidate) => candidate !== undefined);
  if (normal === undefined) return [...slices];
  const keyed = slices.map((slice, index) => ({ slice, index, distance: distanceAlongNormal(geometryOf(slice).position, normal) }));
  keyed.sort((a, b) => {
    if (a.distance === undefined || b.distance === undefined) {
      if (a.distance === b.distance) return a.index - b.index;
      return a.distance === undefined ? 1 : -1;
    }
    return b.distance - a.distance || a.index - b.index;
  });
  return keyed.map((entry) => entry.slice);
}
