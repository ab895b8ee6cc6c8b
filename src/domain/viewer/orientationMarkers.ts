/**
 * Orientation markers: the patient directions at the four edges of a displayed image, from the image's
 * orientation (Image Orientation (Patient), PS3.3 §C.7.6.2.1.1) in the patient-based LPS system: +x towards the
 * patient's Left, +y Posterior, +z Head.
 */
import type { Vector3 } from './sliceOrder.ts';

export interface OrientationMarkers {
  left: string;
  right: string;
  top: string;
  bottom: string;
}

/** Components below this share of the vector do not earn a letter (an image a few degrees off axial stays "L"). */
const OBLIQUE_THRESHOLD = 0.25;

/**
 * The letters of a direction, the strongest component first (`L`, `RA`, `HPL`…); `''` for a malformed vector.
 */
export function directionLetters(vector: readonly number[]): string {
  const [x = Number.NaN, y = Number.NaN, z = Number.NaN] = vector;
  const length = Math.hypot(x, y, z);
  if (!Number.isFinite(length) || length < 1e-6) return '';
  const components = [
    { value: x / length, positive: 'L', negative: 'R' },
    { value: y / length, positive: 'P', negative: 'A' },
    { value: z / length, positive: 'H', negative: 'F' },
  ];
  return components
    .filter((component) => Math.abs(component.value) >= OBLIQUE_THRESHOLD)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .map((component) => (component.value > 0 ? component.positive : component.negative))
    .join('');
}

const negate = (vector: readonly number[]): number[] => vector.map((value) => -value);

/** The markers of a screen whose rightward and downward directions are `right` and `down` (patient LPS). */
export function markersForScreenAxes(right: readonly number[], down: readonly number[]): OrientationMarkers {
  return { left: directionLetters(negate(right)), right: directionLetters(right), top: directionLetters(negate(down)), bottom: directionLetters(down) };
}

/**
 * The markers of an image displayed as stored (rows run along the row cosines to the right, columns along the
 * column cosines downwards); `undefined` without a usable Image Orientation (Patient).
 */
export function markersFromOrientation(orientation: readonly number[] | undefined): OrientationMarkers | undefined {
  if (!orientation || orientation.length < 6 || !orientation.slice(0, 6).every(Number.isFinite)) return undefined;
  const markers = markersForScreenAxes(orientation.slice(0, 3), orientation.slice(3, 6));
  return Object.values(markers).every((letters) => letters !== '') ? markers : undefined;
}

/**
 * The markers from a camera: `viewUp` points to the top of the screen and `viewPlaneNormal` towards the viewer,
 * so the screen's right is viewUp × viewPlaneNormal.
 */
export function markersFromCamera(viewUp: Vector3, viewPlaneNormal: Vector3): OrientationMarkers {
  const [ux, uy, uz] = viewUp;
  const [nx, ny, nz] = viewPlaneNormal;
  const right = [uy * nz - uz * ny, uz * nx - ux * nz, ux * ny - uy * nx];
  return markersForScreenAxes(right, negate(viewUp));
}
