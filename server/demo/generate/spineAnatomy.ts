/**
 * The spine of the synthetic body, posterior in the midline at every level: vertebral bodies with intervertebral
 * discs every 26 mm, the neural arch, spinous processes, the spinal canal and the paraspinal muscles.
 */
import { fillCircle, fillEllipse } from './rasterize.ts';
import { hu, type PaintContext } from './bodySection.ts';

const levelSpacing = 26;
const discThickness = 5;

export function paintSpine(context: PaintContext): void {
  const { target, grid, z, scale, section } = context;
  // Vertebrae grow from the neck (0.75) to the lumbar spine (1.25).
  const neck = Math.min(1, section.b / (100 * scale));
  const size = scale * neck * Math.min(1.25, Math.max(0.75, 0.95 - z / 600));
  const y = 0.52 * section.b;
  const rx = 19 * size;
  const ry = 15 * size;
  const inDisc = ((z % levelSpacing) + levelSpacing) % levelSpacing < discThickness;
  for (const side of [-1, 1]) fillEllipse(target, grid, side * 32 * scale, y + ry + 16 * size, 24 * scale, 18 * scale, hu.muscle);
  if (inDisc) fillEllipse(target, grid, 0, y, rx, ry, hu.softTissue + 40);
  else {
    fillEllipse(target, grid, 0, y, rx, ry, hu.cortex);
    fillEllipse(target, grid, 0, y, rx * 0.82, ry * 0.8, hu.cancellousBone);
    fillEllipse(target, grid, 0, y + ry + 8 * size, 15 * size, 11 * size, hu.bone);
    fillEllipse(target, grid, 0, y + ry + 20 * size, 4 * size, 7 * size, hu.bone);
  }
  fillCircle(target, grid, 0, y + ry + 8 * size, 7.5 * size, hu.softTissue - 20);
}
