import { table } from '../shared/table.ts';
import type { RunResult, ViewerName } from '../viewer/viewerTypes.ts';
import { SCROLL_BUDGET_MS, WHEEL_EVENTS_PER_STEP, type ScrollMemory } from './pageMemory.ts';

const MB = 1024 * 1024;

export interface LargeSeriesFigures {
  small: Partial<Record<ViewerName, RunResult>>;
  large: Partial<Record<ViewerName, RunResult>>;
  memory: Partial<Record<ViewerName, ScrollMemory>>;
  cacheBudgetBytes: number;
  largeSlices: number;
  smallSlices: number;
}

const format = (value: number | undefined, digits = 0) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '—');

/** Prints the figures against the targets; the number of targets missed. */
export function reportLargeSeries(figures: LargeSeriesFigures): number {
  const { small, large, memory, cacheBudgetBytes } = figures;
  const p = { small: small.passerelle, large: large.passerelle };
  const o = { small: small.ohif, large: large.ohif };
  // Passerelle's load: slices fetched and decoded (its own decoded count); OHIF's: fetched (Resource Timing), an upper bound.
  const pLoad = p.large ? Math.min(p.large.decodedFps, p.large.loadFps) : Number.NaN;
  const memoryLimit = cacheBudgetBytes + 200 * MB;
  // The memory figure stands for the whole stack only when the scroll got to its last slice.
  const wholeStack = memory.passerelle?.reached === figures.largeSlices - 1;
  const checks = [
    {
      name: 'first image (ms)',
      small: [p.small?.firstImageMs, o.small?.firstImageMs],
      large: [p.large?.firstImageMs, o.large?.firstImageMs],
      ratio: (p.large?.firstImageMs ?? Number.NaN) / (p.small?.firstImageMs ?? Number.NaN),
      target: `${figures.largeSlices} ≤ 1.5 × ${figures.smallSlices}`,
      pass: (ratio: number) => ratio <= 1.5,
    },
    {
      name: 'cached scroll (images/s)',
      small: [p.small?.scrollFps, o.small?.scrollFps],
      large: [p.large?.scrollFps, o.large?.scrollFps],
      ratio: (p.large?.scrollFps ?? Number.NaN) / (p.small?.scrollFps ?? Number.NaN),
      target: `${figures.largeSlices} ≥ 0.9 × ${figures.smallSlices}`,
      pass: (ratio: number) => ratio >= 0.9,
    },
    {
      name: 'page memory scrolling end to end (MB)',
      small: [undefined, undefined],
      large: [(memory.passerelle?.peakBytes ?? Number.NaN) / MB, (memory.ohif?.peakBytes ?? Number.NaN) / MB],
      ratio: wholeStack ? (memory.passerelle?.peakBytes ?? Number.NaN) / memoryLimit : Number.NaN,
      target: `≤ budget ${Math.round(cacheBudgetBytes / MB)} + 200 MB, end reached`,
      pass: (ratio: number) => ratio <= 1,
    },
    {
      name: 'series load (slices/s; Passerelle fetched+decoded, OHIF fetched)',
      small: [p.small ? Math.min(p.small.decodedFps, p.small.loadFps) : undefined, o.small?.loadFps],
      large: [pLoad, o.large?.loadFps],
      ratio: pLoad / (o.large?.loadFps ?? Number.NaN),
      target: 'Passerelle ≥ 1.2 × OHIF',
      pass: (ratio: number) => ratio >= 1.2,
    },
  ];
  const rows = [['measure', `Passerelle ${figures.smallSlices}`, `OHIF ${figures.smallSlices}`, `Passerelle ${figures.largeSlices}`, `OHIF ${figures.largeSlices}`, 'ratio', 'target', 'pass']];
  let missed = 0;
  for (const check of checks) {
    const pass = Number.isFinite(check.ratio) && check.pass(check.ratio);
    if (!pass) missed += 1;
    rows.push([check.name, format(check.small[0], 1), format(check.small[1], 1), format(check.large[0], 1), format(check.large[1], 1), format(check.ratio, 2), check.target, pass ? 'pass' : 'FAIL']);
  }
  console.log(`\n${table(rows)}`);
  for (const viewer of ['passerelle', 'ohif'] as const) {
    const run = memory[viewer];
    if (run) {
      console.log(
        `Scroll end to end, ${viewer}: ${run.steps} wheel steps of ${WHEEL_EVENTS_PER_STEP} notches followed${run.stalled ? ' (then stalled)' : ''}${run.reached === undefined ? '' : `, slice ${run.reached + 1} of ${figures.largeSlices} reached`}, ${run.slicesShown} slices shown in ${run.seconds.toFixed(0)} s (limit ${SCROLL_BUDGET_MS / 1000} s); peak page memory ${format(run.peakBytes / MB)} MB` +
          (run.peakCacheBytes === undefined ? '' : `, peak image cache ${format(run.peakCacheBytes / MB)} MB (budget ${Math.round(cacheBudgetBytes / MB)} MB)`) +
          ` (${run.samples} samples)`,
      );
    }
  }
  const passerelleCache = memory.passerelle?.peakCacheBytes;
  if (passerelleCache !== undefined && passerelleCache > cacheBudgetBytes) {
    console.log('The image cache went over its budget while scrolling end to end: FAIL');
    missed += 1;
  }
  return missed;
}
