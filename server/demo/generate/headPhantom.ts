/**
 * The synthetic head for MR: scalp, skull, cerebrospinal fluid spaces with sulci, grey and white matter,
 * lateral, third and fourth ventricles, brainstem, cerebellum and orbits, in a T1 or T2 contrast (CSF dark
 * on T1 and bright on T2, white matter brighter than grey on T1 and darker on T2). z is +head, 0 near the
 * foramen of Monro; anterior is −y.
 */
import { createRandom, randomBetween } from './prng.ts';
import { dome, fillCircle, fillEllipse, type SliceGrid } from './rasterize.ts';

export type Weighting = 'T1' | 'T2';

/** Signal of each tissue in arbitrary MR units, for T1- and T2-weighted spin echo. */
const signal = {
  air: { T1: 0, T2: 0 },
  scalp: { T1: 900, T2: 520 },
  bone: { T1: 60, T2: 40 },
  csf: { T1: 170, T2: 1600 },
  grey: { T1: 560, T2: 950 },
  white: { T1: 780, T2: 640 },
  muscle: { T1: 420, T2: 330 },
  vitreous: { T1: 130, T2: 1450 },
} as const;

type Tissue = keyof typeof signal;

export interface HeadModel {
  sulci: readonly { angle: number; depth: number; radius: number }[];
}

export function createHeadModel(seedName: string): HeadModel {
  const random = createRandom(`head:${seedName}`);
  const sulci = Array.from({ length: 48 }, (_, index) => ({
    angle: (index / 48) * 2 * Math.PI + randomBetween(random, -0.04, 0.04),
    depth: randomBetween(random, 0.86, 0.95),
    radius: randomBetween(random, 1.2, 2.4),
  }));
  return { sulci };
}

/** Renders the axial slice at height `z` (mm) into `target`, in the signal of `weighting`. */
export function renderHeadSlice(model: HeadModel, z: number, weighting: Weighting, grid: SliceGrid, target: Int16Array): void {
  const value = (tissue: Tissue): number => signal[tissue][weighting];
  const ellipse = (cx: number, cy: number, rx: number, ry: number, tissue: Tissue): void =>
    fillEllipse(target, grid, cx, cy, rx, ry, value(tissue));
  target.fill(value('air'));
  const head = dome(z, 88, -95, 55, 60);
  if (head <= 0) return;
  const a = 74 * head;
  const b = 94 * head;
  ellipse(0, 0, a, b, 'scalp');
  ellipse(0, 0, a - 5, b - 5, 'bone');
  ellipse(0, 0, a - 11, b - 11, z > -25 ? 'csf' : 'bone');
  const brain = dome(z, 78, -60, 45, 30);
  const ba = (a - 13) * Math.min(1, brain * 1.05);
  const bb = (b - 13) * Math.min(1, brain * 1.05);
  if (z > -25) {
    ellipse(0, 0, ba, bb, 'grey');
    ellipse(0, 0, ba * 0.74, bb * 0.78, 'white');
    // Sulci: short radial clefts of CSF from the surface into the grey matter.
    for (const sulcus of model.sulci) {
      for (let depth = sulcus.depth; depth <= 1; depth += 0.025) {
        fillCircle(target, grid, Math.cos(sulcus.angle) * ba * depth, Math.sin(sulcus.angle) * bb * depth, sulcus.radius, value('csf'));
      }
    }
    fillEllipse(target, grid, 0, -bb * 0.62, 1.5, bb * 0.38, value('csf'));
    fillEllipse(target, grid, 0, bb * 0.7, 1.5, bb * 0.3, value('csf'));
  } else {
    // Posterior fossa and skull base: temporal lobes, brainstem, cerebellum, orbits.
    for (const side of [-1, 1]) ellipse(side * ba * 0.55, -bb * 0.15, ba * 0.35, bb * 0.4, 'grey');
    ellipse(0, bb * 0.45, ba * 0.7, bb * 0.42, 'grey');
    ellipse(0, bb * 0.45, ba * 0.4, bb * 0.2, 'white');
    ellipse(0, bb * 0.05, 13, 12, 'white');
    if (z < -20 && z > -45) ellipse(0, bb * 0.25, 4, 3, 'csf');
    const orbit = dome(z, -28, -58, 10);
    for (const side of [-1, 1]) {
      if (orbit <= 0) continue;
      ellipse(side * 30, -b + 22, 16 * orbit, 18 * orbit, 'scalp');
      fillCircle(target, grid, side * 30, -b + 22, 11.5 * orbit, value('vitreous'));
      ellipse(side * 45, -b + 40, 4 * orbit, 12 * orbit, 'muscle');
    }
  }
  const lateral = dome(z, 38, 2, 10);
  for (const side of [-1, 1]) {
    if (lateral > 0) {
      ellipse(side * 9, -8, 6 * lateral, 24 * lateral, 'csf');
      ellipse(side * 14, 26, 5 * lateral, 9 * lateral, 'csf');
    }
  }
  if (z <= 6 && z > -14) ellipse(0, 2, 2.5, 11, 'csf');
}
