import os from 'node:os';
import { finiteMedian } from '../shared/median.ts';
import { table } from '../shared/table.ts';
import { pollIntervals } from './firstImage.ts';
import type { RunResult, ViewerName } from './viewerTypes.ts';

const SLICE_BYTES = 512 * 512 * 2;

export const loadAverage = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');

export type CacheEstimates = Partial<Record<ViewerName, { bytesPerSlice: number; slices: number }>>;

export function logRun(run: number, runs: number, result: RunResult): void {
  console.log(
    `Run ${run}/${runs} ${result.viewer.padEnd(10)}: first image ${Math.round(result.firstImageMs)} ms, scroll ${result.scrollFps.toFixed(1)} images/s (${result.scrollChanges} changes; ${result.scrollNote}), ` +
      `fetched ${result.framesFetched} frames at ${result.loadFps.toFixed(1)} frames/s` +
      (result.decoded === undefined ? '' : `, decoded ${result.decoded} at ${result.decodedFps.toFixed(1)} slices/s`),
  );
}

export interface ViewerReportInput {
  runs: number;
  only: ViewerName | undefined;
  wheelIntervalMs: number;
  results: readonly RunResult[];
  cacheBytes: CacheEstimates;
  archiveFps: number;
}

/** Prints the medians against the targets; the number of targets missed. */
export function reportTargets({ runs, only, wheelIntervalMs, results, cacheBytes, archiveFps }: ViewerReportInput): number {
  const medians = (viewer: ViewerName) => {
    const own = results.filter((result) => result.viewer === viewer);
    return {
      firstImageMs: finiteMedian(own.map((result) => result.firstImageMs)),
      scrollFps: finiteMedian(own.map((result) => result.scrollFps)),
      loadFps: finiteMedian(own.map((result) => result.loadFps)),
      decodedFps: finiteMedian(own.map((result) => result.decodedFps)),
      loadBusyCores: finiteMedian(own.map((result) => result.loadBusyCores)),
      bytesPerSlice: cacheBytes[viewer]?.bytesPerSlice ?? Number.NaN,
      cachedBytesPerSlice: finiteMedian(own.map((result) => result.cachedBytesPerSlice)),
    };
  };
  const p = medians('passerelle');
  const o = medians('ohif');
  // Decoded where the page says so (Passerelle's own count), fetched (Resource Timing) otherwise.
  const pLoad = Number.isFinite(p.decodedFps) ? p.decodedFps : p.loadFps;
  // The cache's own account where the page gives it (Passerelle), the ArrayBuffer heap estimate otherwise.
  const pBytes = Number.isFinite(p.cachedBytesPerSlice) ? p.cachedBytesPerSlice : p.bytesPerSlice;
  const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');
  const checks = [
    { name: 'first image (ms)', p: p.firstImageMs, o: o.firstImageMs, ratio: p.firstImageMs / o.firstImageMs, target: 'Passerelle ≤ 0.5 × OHIF', pass: only ? undefined : p.firstImageMs <= 0.5 * o.firstImageMs },
    { name: 'scroll, cached (images/s)', p: p.scrollFps, o: o.scrollFps, ratio: p.scrollFps / o.scrollFps, target: 'Passerelle ≥ 1.5 × OHIF', pass: only ? undefined : p.scrollFps >= 1.5 * o.scrollFps },
    {
      name: `series load (slices/s; archive alone ${archiveFps.toFixed(1)})${Number.isFinite(p.decodedFps) ? ', Passerelle decoded' : ', fetched'}`,
      p: pLoad,
      o: o.loadFps,
      ratio: pLoad / archiveFps,
      target: 'Passerelle ≥ 0.80 × archive',
      pass: only === 'ohif' ? undefined : pLoad >= 0.8 * archiveFps,
    },
    {
      name: `bytes per cached slice (${Number.isFinite(p.cachedBytesPerSlice) ? 'Passerelle: its cache; OHIF: heap estimate' : 'heap estimate'})`,
      p: pBytes,
      o: o.bytesPerSlice,
      ratio: pBytes / SLICE_BYTES,
      target: `Passerelle ≤ 1.05 × ${SLICE_BYTES}`,
      pass: only === 'ohif' ? undefined : pBytes <= 1.05 * SLICE_BYTES,
    },
  ];
  const format = (value: number) => (Number.isFinite(value) ? (Math.abs(value) >= 100 ? String(Math.round(value)) : value.toFixed(1)) : '—');
  const rows = [['measure', 'Passerelle', 'OHIF 3.13', 'ratio', 'target', 'pass']];
  for (const check of checks) rows.push([check.name, format(check.p), format(check.o), ratio(check.ratio), check.target, check.pass === undefined ? 'n/a' : check.pass ? 'pass' : 'FAIL']);
  console.log(
    `\nMedians of ${runs} runs per viewer (cache bytes: one held-frames pass each). Ratios: Passerelle / OHIF, Passerelle / archive, Passerelle / 512×512×2.` +
      `\nScroll: a wheel event every ${wheelIntervalMs} ms in the page.` +
      `\nFirst-image polls every ${Math.round(finiteMedian(pollIntervals))} ms (median; a viewport screenshot each).` +
      `\nOHIF series load, fetched: ${ratio(o.loadFps / archiveFps)} × archive; Passerelle fetched (Resource Timing): ${format(p.loadFps)} frames/s = ${ratio(p.loadFps / archiveFps)} × archive.` +
      `\nCores busy during the series load (whole machine, of ${os.cpus().length}): Passerelle ${format(p.loadBusyCores)}, OHIF ${format(o.loadBusyCores)}` +
      (p.loadBusyCores >= 0.9 * os.cpus().length ? ' — the processor was saturated: the archive, the gateway and the browser shared it, so the load ratio is bound by this machine' : '') +
      `\nPasserelle bytes per cached slice, heap estimate: ${format(p.bytesPerSlice)} (${ratio(p.bytesPerSlice / SLICE_BYTES)} × ${SLICE_BYTES}).\n${table(rows)}`,
  );
  return checks.filter((check) => check.pass === false).length;
}
