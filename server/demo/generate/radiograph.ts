/**
 * A synthetic chest radiograph computed as a projection of the synthetic CT body along the antero-posterior
 * axis (a digitally reconstructed radiograph): each image row is one axial slice, whose attenuation is summed
 * through the body's depth, then mapped to a logarithmic detector response (dense = bright, MONOCHROME2).
 */
import type { BodyModel } from './bodyPhantom.ts';
import { renderBodySlice } from './bodyPhantom.ts';
import type { SliceGrid } from './rasterize.ts';

export interface RadiographGeometry {
  columns: number;
  rows: number;
  /** Pixel spacing at the patient, mm. */
  spacing: number;
  /** Height of the first row (mm). */
  topZ: number;
}

const depthSamples = 100;
const depthStep = 3.6;
/** Detector response range: from 6 cm to 40 cm of water-equivalent path. */
const responseFloor = Math.log1p(6 / 3);
const responseCeiling = Math.log1p(40 / 3);

/** Linear attenuation relative to water, with bone weighted up as at diagnostic X-ray energies. */
function attenuation(hounsfield: number): number {
  const mu = (hounsfield + 1000) / 1000;
  return hounsfield > 150 ? mu * (1 + (hounsfield - 150) / 700) : mu;
}

/** Stored values in [0, maxValue]: 0 where no tissue, growing with the attenuation path length. */
export function renderChestRadiograph(model: BodyModel, geometry: RadiographGeometry, maxValue: number): Uint16Array {
  const { columns, rows, spacing, topZ } = geometry;
  const grid: SliceGrid = {
    columns,
    rows: depthSamples,
    dx: spacing,
    dy: depthStep,
    x0: (-(columns - 1) / 2) * spacing,
    y0: (-(depthSamples - 1) / 2) * depthStep,
  };
  const slice = new Int16Array(columns * depthSamples);
  const table = new Float32Array(3072);
  for (let h = -1024; h < 2048; h++) table[h + 1024] = attenuation(h);
  const path = new Float32Array(columns);
  const image = new Uint16Array(columns * rows);
  for (let r = 0; r < rows; r++) {
    renderBodySlice(model, topZ - r * spacing, grid, slice);
    path.fill(0);
    for (let d = 0; d < depthSamples; d++) {
      const offset = d * columns;
      for (let c = 0; c < columns; c++) path[c] = (path[c] ?? 0) + (table[(slice[offset + c] ?? 0) + 1024] ?? 0);
    }
    for (let c = 0; c < columns; c++) {
      // Path length in cm of water equivalent → detector response.
      const waterCm = ((path[c] ?? 0) * depthStep) / 10;
      const response = (Math.log1p(waterCm / 3) - responseFloor) / (responseCeiling - responseFloor);
      image[r * columns + c] = Math.round(maxValue * Math.min(1, Math.max(0, response)));
    }
  }
  return image;
}
