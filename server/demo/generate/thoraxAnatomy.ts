/**
 * Thoracic anatomy of the synthetic body: lungs with meandering vessels and an optional nodule in the right
 * upper lobe, airways, heart and great vessels, sternum, scapulae and ribs. Patient's right is −x, anterior −y.
 */
import { dome, fillCircle, fillEllipse, insideEllipse } from './rasterize.ts';
import { hu, type PaintContext, type Tube } from './bodySection.ts';

export interface ThoraxModel {
  vessels: readonly Tube[];
  /** Nodule diameter in mm, 0 for none. */
  noduleDiameterMm: number;
}

/** Height of the nodule's centre (mm). */
export const noduleZ = 70;

interface LungShape {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

function lungShape(context: PaintContext, side: -1 | 1): LungShape {
  const { z, section } = context;
  const extent = side < 0 ? dome(z, 185, -50, 60, 80) : dome(z, 183, -62, 60, 85);
  return {
    cx: side * 0.48 * section.cavityA,
    cy: 0.02 * section.cavityB,
    rx: 0.4 * section.cavityA * extent,
    ry: 0.8 * section.cavityB * extent,
  };
}

function paintLung(context: PaintContext, lung: LungShape, vessels: readonly Tube[]): void {
  const { target, grid, z, scale } = context;
  fillEllipse(target, grid, lung.cx, lung.cy, lung.rx, lung.ry, hu.lung);
  for (const vessel of vessels) {
    if (z > vessel.top || z < vessel.bottom) continue;
    const drift = 0.08 * Math.sin(z / 37 + vessel.phase);
    const x = lung.cx + (vessel.u + drift) * lung.rx;
    const y = lung.cy + (vessel.v + 0.5 * drift) * lung.ry;
    const peripheral = Math.hypot(vessel.u, vessel.v);
    if (!insideEllipse(x, y, lung.cx, lung.cy, lung.rx * 0.92, lung.ry * 0.92)) continue;
    fillCircle(target, grid, x, y, vessel.radius * scale * (1.2 - peripheral), hu.blood);
  }
}

function paintNodule(context: PaintContext, right: LungShape, diameter: number): void {
  const radius = (diameter / 2) * context.scale;
  const dz = context.z - noduleZ;
  if (diameter <= 0 || Math.abs(dz) >= radius) return;
  const x = right.cx - 0.15 * 0.4 * context.section.cavityA;
  const y = -0.25 * context.section.cavityB;
  fillCircle(context.target, context.grid, x, y, Math.sqrt(radius * radius - dz * dz), hu.softTissue);
}

function paintAirways(context: PaintContext): void {
  const { target, grid, z, scale, section } = context;
  const y = -0.12 * section.cavityB;
  if (z > 55) {
    fillCircle(target, grid, 0, y, 10 * scale, hu.softTissue);
    fillCircle(target, grid, 0, y, 8 * scale, hu.air);
  } else if (z > 30) {
    for (const side of [-1, 1]) {
      const x = side * (4 + (55 - z) * 0.8) * scale;
      fillCircle(target, grid, x, y + 4 * scale, 7 * scale, hu.softTissue);
      fillCircle(target, grid, x, y + 4 * scale, 5.5 * scale, hu.air);
    }
  }
}

function paintHeartAndVessels(context: PaintContext): void {
  const { target, grid, z, scale, section, bloodHu } = context;
  const A = section.cavityA;
  const B = section.cavityB;
  const heart = dome(z, 55, -52, 30, 25);
  if (heart > 0) {
    fillEllipse(target, grid, 0.12 * A, -0.28 * B, 0.34 * A * heart, 0.42 * B * heart, hu.muscle);
    fillEllipse(target, grid, 0.1 * A, -0.3 * B, 0.24 * A * heart, 0.3 * B * heart, bloodHu);
  }
  const r = 13 * scale;
  if (z <= 118 && z > 104) fillEllipse(target, grid, 0.07 * A, 0.1 * B, r, 0.38 * B, bloodHu);
  if (z <= 105 && z > 45) fillCircle(target, grid, 0.02 * A, -0.27 * B, r * 1.15, bloodHu);
  if (z <= 112 && z > -40) fillCircle(target, grid, 0.14 * A, 0.5 * B, r * 0.9, bloodHu);
  if (z <= 110 && z > 45) fillCircle(target, grid, -0.1 * A, -0.25 * B, r * 0.9, (bloodHu + hu.blood) / 2);
}

function paintChestWallBones(context: PaintContext): void {
  const { target, grid, z, scale, section } = context;
  if (z <= 150 && z > -10) fillEllipse(target, grid, 0, -section.b + section.fat + 8 * scale, 13 * scale, 6 * scale, hu.bone);
  if (z <= 190 && z > 80) {
    for (const side of [-1, 1]) fillEllipse(target, grid, side * 0.4 * section.a, 0.86 * section.b, 20 * scale, 4 * scale, hu.bone);
  }
  // Ribs: rib k leaves the spine at z = 175 − 22k and descends 45 mm towards its anterior end.
  const ribA = section.cavityA + 3 * scale;
  const ribB = section.cavityB + 3 * scale;
  const start = 0.3;
  const end = 0.8 * Math.PI;
  for (let k = 0; k < 11; k++) {
    const level = 175 - 22 * k;
    if (z > level + 6 || z < level - 51) continue;
    for (let theta = start; theta <= end; theta += 0.035) {
      const ribZ = level - (45 * (theta - start)) / (end - start);
      if (Math.abs(z - ribZ) >= 5) continue;
      for (const side of [-1, 1]) fillCircle(target, grid, side * ribA * Math.sin(theta), ribB * Math.cos(theta), 4.5 * scale, hu.bone);
    }
  }
}

/** Paints the thorax; lungs over the upper abdomen's organs where they overlap near the diaphragm. */
export function paintThorax(context: PaintContext, model: ThoraxModel): void {
  if (context.z < -70 || context.z > 215) return;
  const right = lungShape(context, -1);
  const left = lungShape(context, 1);
  const half = Math.floor(model.vessels.length / 2);
  paintLung(context, right, model.vessels.slice(0, half));
  paintLung(context, left, model.vessels.slice(half));
  if (right.rx > 0) paintNodule(context, right, model.noduleDiameterMm);
  paintAirways(context);
  paintHeartAndVessels(context);
  paintChestWallBones(context);
}
