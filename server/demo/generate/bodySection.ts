/**
 * The synthetic body's outline along z (patient coordinates, mm, +z towards the head) and the context shared by
 * the anatomy painters. Landmarks: neck above +210, lung apices near +185, diaphragm near −40, kidneys −70…−180,
 * pelvis below −175. Positions inside the body are fractions of the cavity's semi-axes, so a person's `scale`
 * resizes everything consistently.
 */
import type { SliceGrid } from './rasterize.ts';
import { interpolate } from './rasterize.ts';
import type { Random } from './prng.ts';

/** Hounsfield units of the tissues painted (PS3.3 §C.8.2.1.1.2 Rescale Type "HU"). */
export const hu = {
  air: -1000,
  lung: -850,
  fat: -100,
  mesenteryFat: -90,
  water: 5,
  softTissue: 40,
  muscle: 50,
  liver: 55,
  kidney: 60,
  bowel: 25,
  blood: 45,
  contrast: 200,
  cancellousBone: 350,
  bone: 700,
  cortex: 1000,
} as const;

/** Lateral (x) semi-axis of the body outline, unscaled. */
const lateral: readonly (readonly [number, number])[] = [
  [260, 62], [222, 72], [205, 150], [160, 168], [0, 165], [-100, 152], [-200, 165], [-340, 172],
];
/** Antero-posterior (y) semi-axis of the body outline, unscaled. */
const anteroPosterior: readonly (readonly [number, number])[] = [
  [260, 60], [222, 66], [205, 100], [160, 108], [0, 118], [-100, 122], [-200, 115], [-340, 110],
];
/** Thickness of subcutaneous fat, unscaled. */
const fatThickness: readonly (readonly [number, number])[] = [
  [0, 9], [-100, 18], [-340, 22],
];

export interface BodySection {
  /** Outer semi-axes (skin surface). */
  a: number;
  b: number;
  fat: number;
  /** Semi-axes of the cavity inside the muscular wall. */
  cavityA: number;
  cavityB: number;
}

export function bodySection(z: number, scale: number): BodySection {
  const a = interpolate(lateral, z) * scale;
  const b = interpolate(anteroPosterior, z) * scale;
  const fat = interpolate(fatThickness, z) * scale;
  const wall = 2 + fat + 10 * scale;
  return { a, b, fat, cavityA: a - wall, cavityB: b - wall };
}

/** Everything an anatomy painter needs for one slice. */
export interface PaintContext {
  target: Int16Array;
  grid: SliceGrid;
  z: number;
  scale: number;
  section: BodySection;
  /** Hounsfield units of blood in the heart and great vessels (contrast-enhanced or not). */
  bloodHu: number;
}

/** A small tubular structure (lung vessel, bowel loop) that meanders along z. */
export interface Tube {
  /** Centre as fractions of the containing region's semi-axes. */
  u: number;
  v: number;
  radius: number;
  top: number;
  bottom: number;
  phase: number;
  /** Fraction of the lumen filled with gas (bowel), 0 for none. */
  gas: number;
}

export function randomTubes(random: Random, count: number, make: (random: Random) => Tube): Tube[] {
  return Array.from({ length: count }, () => make(random));
}
