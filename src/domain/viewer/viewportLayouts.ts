/** The viewport grids the viewer offers, and which series fill the viewports when a grid grows. */

export const LAYOUT_IDS = ['1x1', '1x2', '2x1', '2x2', '1x3', '3x3'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];

/** A grid of `rows` × `columns` viewports, numbered row by row from the top left. */
export interface LayoutGrid {
  rows: number;
  columns: number;
}

/** The grid of a layout id: `RxC` is R rows of C columns. */
export function layoutGrid(id: LayoutId): LayoutGrid {
  const [rows = 1, columns = 1] = id.split('x').map(Number);
  return { rows, columns };
}

export function viewportCount(id: LayoutId): number {
  const { rows, columns } = layoutGrid(id);
  return rows * columns;
}

/**
 * The series of each of `count` viewports: the viewports kept keep their series; new ones get the image series
 * not shown yet, in the order given, then the given series again in turn when every one is shown.
 */
export function fillViewports<T>(current: readonly T[], count: number, imageSeries: readonly T[]): T[] {
  const kept = current.slice(0, count);
  if (imageSeries.length === 0) return kept;
  const unshown = imageSeries.filter((series) => !kept.includes(series));
  let turn = 0;
  while (kept.length < count) {
    const next = unshown.shift() ?? imageSeries[turn++ % imageSeries.length];
    if (next === undefined) break;
    kept.push(next);
  }
  return kept;
}

