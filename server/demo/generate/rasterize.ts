/**
 * Painter's-algorithm rasterisation of axis-aligned ellipses onto a value grid laid out in patient
 * millimetres. Each ellipse fills, row by row, the span of columns it covers, so a slice with a few hundred
 * shapes costs a few milliseconds.
 */

/** A row-major grid: pixel (column c, row r) is centred at (x0 + c·dx, y0 + r·dy) in patient coordinates (mm). */
export interface SliceGrid {
  columns: number;
  rows: number;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
}

/** A grid of `columns × rows` pixels of the given spacing, centred on the origin. */
export function centredGrid(columns: number, rows: number, dx: number, dy: number = dx): SliceGrid {
  return { columns, rows, dx, dy, x0: (-(columns - 1) / 2) * dx, y0: (-(rows - 1) / 2) * dy };
}

/** Sets every pixel whose centre lies inside the ellipse ((x−cx)/rx)² + ((y−cy)/ry)² < 1 to `value`. */
export function fillEllipse(target: Int16Array, grid: SliceGrid, cx: number, cy: number, rx: number, ry: number, value: number): void {
  if (rx <= 0 || ry <= 0) return;
  const { columns, rows, x0, y0, dx, dy } = grid;
  const firstRow = Math.max(0, Math.ceil((cy - ry - y0) / dy));
  const lastRow = Math.min(rows - 1, Math.floor((cy + ry - y0) / dy));
  for (let r = firstRow; r <= lastRow; r++) {
    const t = (y0 + r * dy - cy) / ry;
    const squared = 1 - t * t;
    if (squared <= 0) continue;
    const half = rx * Math.sqrt(squared);
    const first = Math.max(0, Math.ceil((cx - half - x0) / dx));
    const last = Math.min(columns - 1, Math.floor((cx + half - x0) / dx));
    if (last >= first) target.fill(value, r * columns + first, r * columns + last + 1);
  }
}

/** A circle: `fillEllipse` with equal radii. */
export function fillCircle(target: Int16Array, grid: SliceGrid, cx: number, cy: number, radius: number, value: number): void {
  fillEllipse(target, grid, cx, cy, radius, radius, value);
}

/** Whether (x, y) lies inside the ellipse. */
export function insideEllipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean {
  if (rx <= 0 || ry <= 0) return false;
  const u = (x - cx) / rx;
  const v = (y - cy) / ry;
  return u * u + v * v < 1;
}

/**
 * A smooth 0‥1 profile along z: 0 outside [bottom, top], rising as a quarter-ellipse over `rampTop` mm below
 * `top` and `rampBottom` mm above `bottom` (a dome, as organ cross-sections grow and shrink), 1 between.
 */
export function dome(z: number, top: number, bottom: number, rampTop: number, rampBottom: number = rampTop): number {
  if (z >= top || z <= bottom) return 0;
  const fromTop = Math.min(1, (top - z) / rampTop);
  const fromBottom = Math.min(1, (z - bottom) / rampBottom);
  const f = Math.min(fromTop, fromBottom);
  return Math.sqrt(f * (2 - f));
}

/** Linear interpolation in a table of (z, value) pairs sorted by decreasing z, clamped at both ends. */
export function interpolate(table: readonly (readonly [number, number])[], z: number): number {
  const first = table[0];
  const last = table[table.length - 1];
  if (!first || !last) throw new Error('empty table');
  if (z >= first[0]) return first[1];
  if (z <= last[0]) return last[1];
  for (let i = 1; i < table.length; i++) {
    const upper = table[i - 1];
    const lower = table[i];
    if (upper && lower && z >= lower[0]) return lower[1] + ((upper[1] - lower[1]) * (z - lower[0])) / (upper[0] - lower[0]);
  }
  return last[1];
}
