/**
 * Frames of the test bed's image series fetched through a gateway, as a viewer's prefetch does: every frame of a
 * series (WADO-RS RetrieveFrames, PS3.18 §10.4, `transfer-syntax=*`: the stored syntax, nothing transcoded), a few
 * requests in flight, bodies read to the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { demoSites } from '../../server/demo/demoSites.ts';
import type { DemoManifest } from '../../server/demo/generate/generateDemoStudies.ts';
import { projectRoot as root } from './projectRoot.ts';

const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const IMAGE_CLASSES = new Set(['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.4']);

export interface Series {
  siteId: string;
  studyUid: string;
  seriesUid: string;
  /** Gateway paths of its frames (`/sites/{site}/dicom-web/…/frames/1`), in instance order. */
  frames: string[];
}

/** An archive as the bench reaches it directly: its DICOMweb base and what a request to it must carry. */
export interface ArchiveAccess {
  dicomweb: string;
  headers: Record<string, string>;
}

export interface Tally {
  frames: number;
  bytes: number;
  /** HTTP status → how many answers had it (anything but 200). */
  failures: Map<number, number>;
}

export const newTally = (): Tally => ({ frames: 0, bytes: 0, failures: new Map() });

/** `3 × HTTP 503, 1 × HTTP 401`, or '' when there were none. */
export function failureText(tally: Tally): string {
  return [...tally.failures].map(([status, count]) => `${count} × HTTP ${status}`).join(', ');
}

/**
 * The image series of the generated demo studies (the largest of each study, 10 frames or more), largest first, with
 * their frames in instance order as the archive of their site lists them.
 */
export async function imageSeries(archives: ReadonlyMap<string, ArchiveAccess>): Promise<Series[]> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.cache', 'demo', 'manifest.json'), 'utf8')) as DemoManifest;
  const counts = new Map<string, { site: string; studyUid: string; seriesUid: string; count: number }>();
  for (const file of manifest.files) {
    if (!IMAGE_CLASSES.has(file.sopClassUid)) continue;
    const key = `${file.site} ${file.studyInstanceUid} ${file.seriesInstanceUid}`;
    const entry = counts.get(key) ?? { site: file.site, studyUid: file.studyInstanceUid, seriesUid: file.seriesInstanceUid, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const largest = new Map<string, { site: string; studyUid: string; seriesUid: string; count: number }>();
  for (const entry of counts.values()) if ((largest.get(entry.studyUid)?.count ?? 0) < entry.count) largest.set(entry.studyUid, entry);
  const result: Series[] = [];
  for (const entry of [...largest.values()].filter((candidate) => candidate.count >= 10)) {
    const siteId = demoSites.find((site) => site.key === entry.site)?.id ?? entry.site;
    const archive = archives.get(siteId);
    if (!archive) continue;
    const answer = await fetch(`${archive.dicomweb}/studies/${entry.studyUid}/series/${entry.seriesUid}/instances?includefield=00200013`, {
      headers: { ...archive.headers, accept: 'application/dicom+json' },
    });
    if (!answer.ok) throw new Error(`the instances of series ${entry.seriesUid} at ${siteId}: HTTP ${answer.status}`);
    const instances = (await answer.json()) as Record<string, { Value?: unknown[] }>[];
    const ordered = instances
      .map((instance) => ({ sop: String(instance['00080018']?.Value?.[0] ?? ''), number: Number(instance['00200013']?.Value?.[0] ?? 0) }))
      .sort((a, b) => a.number - b.number);
    const base = `/sites/${siteId}/dicom-web/studies/${entry.studyUid}/series/${entry.seriesUid}`;
    result.push({ siteId, studyUid: entry.studyUid, seriesUid: entry.seriesUid, frames: ordered.map(({ sop }) => `${base}/instances/${sop}/frames/1`) });
  }
  return result.sort((a, b) => b.frames.length - a.frames.length);
}

/** One frame through the gateway at `origin`, with `headers` (who asks); counted in `tally`. */
export async function fetchFrame(origin: string, url: string, headers: Record<string, string>, tally: Tally): Promise<boolean> {
  const answer = await fetch(`${origin}${url}`, { headers: { ...headers, accept: FRAME_ACCEPT } });
  const body = await answer.arrayBuffer();
  if (answer.status !== 200) {
    tally.failures.set(answer.status, (tally.failures.get(answer.status) ?? 0) + 1);
    return false;
  }
  tally.frames += 1;
  tally.bytes += body.byteLength;
  return true;
}

/**
 * Every frame of a series in order, `inFlight` requests at a time (until `until`, a `Date.now()` deadline);
 * whether at least one frame was served.
 */
export async function fetchSeries(origin: string, series: Series, headers: Record<string, string>, tally: Tally, inFlight: number, until = Infinity): Promise<boolean> {
  let next = 0;
  let served = false;
  const lane = async () => {
    while (next < series.frames.length && Date.now() < until) {
      const url = series.frames[next++]!;
      if (await fetchFrame(origin, url, headers, tally)) served = true;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return served;
}
