/**
 * Abdominal and pelvic anatomy of the synthetic body: liver, spleen, stomach, kidneys, great vessels, bowel
 * loops with gas, colon, bladder, psoas muscles, iliac wings and femoral heads.
 */
import { dome, fillCircle, fillEllipse } from './rasterize.ts';
import { hu, type PaintContext, type Tube } from './bodySection.ts';

export interface AbdomenModel {
  bowelLoops: readonly Tube[];
}

function paintSolidOrgans(context: PaintContext): void {
  const { target, grid, z, scale, section, bloodHu } = context;
  const A = section.cavityA;
  const B = section.cavityB;
  const liver = dome(z, 12, -150, 35, 45);
  fillEllipse(target, grid, -0.36 * A, 0, 0.56 * A * liver, 0.78 * B * liver, hu.liver);
  const leftLobe = dome(z, 0, -85, 20);
  fillEllipse(target, grid, 0.02 * A, -0.48 * B, 0.36 * A * leftLobe, 0.26 * B * leftLobe, hu.liver);
  const spleen = dome(z, -12, -112, 25);
  fillEllipse(target, grid, 0.62 * A, 0.32 * B, 0.2 * A * spleen, 0.32 * B * spleen, hu.muscle);
  const stomach = dome(z, -5, -92, 25);
  if (stomach > 0) {
    fillEllipse(target, grid, 0.3 * A, -0.22 * B, 0.28 * A * stomach, 0.32 * B * stomach, hu.softTissue);
    fillEllipse(target, grid, 0.3 * A, -0.22 * B, 0.24 * A * stomach, 0.28 * B * stomach, hu.water + 10);
    fillEllipse(target, grid, 0.3 * A, -0.42 * B, 0.18 * A * stomach, 0.1 * B * stomach, hu.air);
  }
  for (const side of [-1, 1]) {
    const kidney = dome(z, side < 0 ? -78 : -68, side < 0 ? -182 : -172, 25);
    if (kidney <= 0) continue;
    fillEllipse(target, grid, side * 0.44 * A, 0.45 * B, 0.17 * A * kidney, 0.24 * B * kidney, hu.kidney);
    fillEllipse(target, grid, side * 0.37 * A, 0.42 * B, 0.05 * A * kidney, 0.08 * B * kidney, hu.fat);
  }
  if (z < -40) {
    const bifurcation = z < -200;
    if (!bifurcation) fillCircle(target, grid, 0.06 * A, 0.33 * B, 11 * scale, bloodHu);
    else for (const side of [-1, 1]) fillCircle(target, grid, side * 0.18 * A, 0.25 * B, 7 * scale, bloodHu);
  }
  if (z < 20 && z > -200) fillEllipse(target, grid, -0.12 * A, 0.32 * B, 13 * scale, 10 * scale, (bloodHu + hu.blood) / 2);
}

function paintBowel(context: PaintContext, loops: readonly Tube[]): void {
  const { target, grid, z, scale, section } = context;
  const A = section.cavityA;
  const B = section.cavityB;
  for (const loop of loops) {
    if (z > loop.top || z < loop.bottom) continue;
    const x = (loop.u + 0.06 * Math.sin(z / 23 + loop.phase)) * A;
    const y = (loop.v + 0.05 * Math.cos(z / 31 + loop.phase)) * B;
    const radius = loop.radius * scale;
    fillCircle(target, grid, x, y, radius, hu.bowel);
    if (loop.gas > 0) fillEllipse(target, grid, x, y - radius * 0.4, radius * 0.75 * loop.gas, radius * 0.45 * loop.gas, hu.air);
  }
  const colon: readonly [number, number, number, number, number][] = [
    [-0.62, 0.1, 19, -85, -255],
    [0.64, 0.15, 16, -55, -245],
    [0.05, 0.55, 17, -250, -345],
  ];
  for (const [u, v, r, top, bottom] of colon) {
    if (z > top || z < bottom) continue;
    fillCircle(target, grid, u * A, v * B, r * scale, hu.softTissue);
    fillCircle(target, grid, u * A, v * B - 3 * scale, (r - 4) * scale, hu.air);
  }
  if (z <= -88 && z > -108) {
    fillEllipse(target, grid, 0, -0.58 * B, 0.6 * A, 15 * scale, hu.softTissue);
    fillEllipse(target, grid, 0, -0.6 * B, 0.56 * A, 10 * scale, hu.air);
  }
}

function paintPelvis(context: PaintContext): void {
  const { target, grid, z, scale, section } = context;
  const A = section.cavityA;
  const B = section.cavityB;
  if (z < -100) {
    const size = Math.min(1, (-100 - z) / 120);
    for (const side of [-1, 1]) fillEllipse(target, grid, side * (0.2 * A + 6 * size * scale), 0.42 * B, (9 + 16 * size) * scale, (9 + 12 * size) * scale, hu.muscle);
  }
  const bladder = dome(z, -255, -345, 30);
  fillEllipse(target, grid, 0, -0.25 * B, 0.3 * A * bladder, 0.32 * B * bladder, hu.water);
  const wing = dome(z, -172, -272, 30);
  for (const side of [-1, 1]) {
    if (wing > 0) {
      fillEllipse(target, grid, side * 0.62 * A, 0.3 * B, 0.26 * A * wing, 11 * scale, hu.bone);
      fillEllipse(target, grid, side * 0.62 * A, 0.3 * B, 0.2 * A * wing, 6 * scale, hu.cancellousBone);
    }
    const head = dome(z, -285, -345, 25);
    if (head > 0) {
      fillCircle(target, grid, side * 0.58 * A, 0.05 * B, 23 * scale * head, hu.bone);
      fillCircle(target, grid, side * 0.58 * A, 0.05 * B, 18 * scale * head, hu.cancellousBone);
    }
  }
}

/** Paints the abdomen and pelvis (nothing above the liver dome). */
export function paintAbdomen(context: PaintContext, model: AbdomenModel): void {
  if (context.z > 15) return;
  paintSolidOrgans(context);
  paintBowel(context, model.bowelLoops);
  paintPelvis(context);
}
