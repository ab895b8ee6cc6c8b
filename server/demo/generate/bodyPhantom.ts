/**
 * The synthetic CT body: a person's anatomy model (fixed per person, seeded by name) and the rendering of one
 * axial slice in Hounsfield units. Air outside; skin, subcutaneous fat and the muscular wall; then abdominal,
 * thoracic and spinal structures painted in that order.
 */
import { createRandom, randomBetween } from './prng.ts';
import { fillEllipse, type SliceGrid } from './rasterize.ts';
import { bodySection, hu, randomTubes, type PaintContext } from './bodySection.ts';
import { paintThorax, type ThoraxModel } from './thoraxAnatomy.ts';
import { paintAbdomen, type AbdomenModel } from './abdomenAnatomy.ts';
import { paintSpine } from './spineAnatomy.ts';

export interface BodyModel extends ThoraxModel, AbdomenModel {
  /** In-plane size factor of the person (1 = reference adult). */
  scale: number;
  /** Whether iodinated contrast enhances the blood pool. */
  contrast: boolean;
}

export interface BodyModelOptions {
  /** Stable name of the person: the same name gives the same vessels and bowel loops. */
  seedName: string;
  scale: number;
  /** Diameter of the right upper lobe nodule at the examination's date, 0 for none. */
  noduleDiameterMm?: number;
  contrast?: boolean;
}

export function createBodyModel(options: BodyModelOptions): BodyModel {
  const random = createRandom(`body:${options.seedName}`);
  const vessels = randomTubes(random, 56, (r) => {
    const angle = randomBetween(r, 0, 2 * Math.PI);
    const distance = Math.sqrt(r()) * 0.85;
    return {
      u: distance * Math.cos(angle),
      v: distance * Math.sin(angle),
      radius: randomBetween(r, 1.2, 3.2),
      top: randomBetween(r, 120, 190),
      bottom: randomBetween(r, -60, 60),
      phase: randomBetween(r, 0, 2 * Math.PI),
      gas: 0,
    };
  });
  const bowelLoops = randomTubes(random, 20, (r) => {
    const top = randomBetween(r, -250, -85);
    return {
      u: randomBetween(r, -0.55, 0.55),
      v: randomBetween(r, -0.7, 0.15),
      radius: randomBetween(r, 10, 17),
      top,
      bottom: top - randomBetween(r, 40, 110),
      phase: randomBetween(r, 0, 2 * Math.PI),
      gas: r() < 0.4 ? randomBetween(r, 0.5, 1) : 0,
    };
  });
  return { scale: options.scale, contrast: options.contrast ?? false, noduleDiameterMm: options.noduleDiameterMm ?? 0, vessels, bowelLoops };
}

/** Renders the axial slice at height `z` (mm) into `target` (Hounsfield units, row-major over `grid`). */
export function renderBodySlice(model: BodyModel, z: number, grid: SliceGrid, target: Int16Array): void {
  if (target.length !== grid.columns * grid.rows) throw new Error('target does not match the grid');
  const section = bodySection(z, model.scale);
  target.fill(hu.air);
  const { a, b, fat, cavityA, cavityB } = section;
  fillEllipse(target, grid, 0, 0, a, b, hu.softTissue);
  fillEllipse(target, grid, 0, 0, a - 2, b - 2, hu.fat);
  fillEllipse(target, grid, 0, 0, a - 2 - fat, b - 2 - fat, hu.muscle);
  fillEllipse(target, grid, 0, 0, cavityA, cavityB, z > -40 ? hu.fat + 20 : hu.mesenteryFat);
  const bloodHu = model.contrast ? hu.contrast : hu.blood;
  const context: PaintContext = { target, grid, z, scale: model.scale, section, bloodHu };
  paintAbdomen(context, model);
  paintThorax(context, model);
  paintSpine(context);
}
