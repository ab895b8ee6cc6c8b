/** How much of a stack is in memory: the share of its frames decoded and cached, and where those frames are. */

/** The fraction (0–1) of `total` frames loaded; 0 for an empty stack. */
export function loadFraction(loaded: number, total: number): number {
  if (!(total > 0) || !(loaded > 0)) return 0;
  return Math.min(1, loaded / total);
}

/** A run of consecutive loaded frames, `start` inclusive, `end` exclusive. */
export interface LoadedRun {
  start: number;
  end: number;
}

/** The runs of loaded frames in display order, for drawing them on a scroll bar. */
export function loadedRuns(loaded: readonly boolean[]): LoadedRun[] {
  const runs: LoadedRun[] = [];
  loaded.forEach((isLoaded, index) => {
    if (!isLoaded) return;
    const last = runs.at(-1);
    if (last && last.end === index) last.end = index + 1;
    else runs.push({ start: index, end: index + 1 });
  });
  return runs;
}

/** The Series Instance UID in a WADO-RS frame URL (`…/series/{uid}/instances/…`), or `undefined`. */
export function seriesUidInFrameUrl(url: string): string | undefined {
  return /\/series\/([0-9.]+)\/instances\//.exec(url)?.[1];
}
