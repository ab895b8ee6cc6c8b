/** The median of the values, NaN when there are none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median of the finite values, NaN when there are none. */
export function finiteMedian(values: readonly number[]): number {
  return median(values.filter((value) => Number.isFinite(value)));
}
