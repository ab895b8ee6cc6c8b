/**
 * A large series (see domain/viewer/largeSeries.ts) without its series metadata: the image that opens it, from the
 * ends of its Instance Number range, then its display order from a QIDO-RS search of its instances (PS3.18 §10.6),
 * each instance's full metadata read from its stored instance when its image is loaded (§10.4.1.1.1: one read of
 * the file for metadata and frame, see cornerstone/largeSeriesInstances.ts), or asked of the archive on its own
 * (§10.4.1.1.2) where the file cannot say it (implicit VR).
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import { isDicomJsonDataset, type DicomJsonDataset } from '../domain/dicom/dicomJson.ts';
import type { SeriesUid, SopInstanceUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { endInstanceNumbers, instanceSearchUrl } from '../domain/viewer/largeSeries.ts';
import { stackFrames, type StackFrame } from '../domain/viewer/stackFrames.ts';
import { getDicomJson } from './dicomJsonRequest.ts';
import { createInstanceMetadataReader } from './instanceMetadataReader.ts';
import { withPaletteTables } from './paletteTables.ts';

/** A search of thousands of instances: the archive may read every file to answer it. */
const SEARCH_DEADLINE_FACTOR = 8;

interface SeriesPlace {
  site: PublicSite;
  studyUid: StudyUid;
  seriesUid: SeriesUid;
}

const seriesPath = ({ site, studyUid, seriesUid }: SeriesPlace) => `${site.dicomweb}/studies/${studyUid}/series/${seriesUid}`;

/** One instance's full metadata, colour tables filled in. */
async function instanceMetadata(place: SeriesPlace, frame: StackFrame, signal: AbortSignal): Promise<DicomJsonDataset> {
  const answer = await getDicomJson(`${seriesPath(place)}/instances/${frame.sopInstanceUid}/metadata`, place.site.timeoutMs, signal);
  const instance = Array.isArray(answer) ? answer.find(isDicomJsonDataset) : undefined;
  if (!instance) throw new Error(`no metadata for instance ${frame.sopInstanceUid}`);
  const [filled] = await withPaletteTables(place.site, place, [{ ...frame, instance }], signal);
  return filled?.instance ?? instance;
}

/** The image a large series opens on, with its full metadata: the first in display order of its numbering's ends. */
export interface SeriesOpening {
  frame: StackFrame;
  instanceCount: number;
}

/** The opening image of a large series of `instanceCount` instances (`undefined` when its numbering does not say). */
export const seriesOpeningQuery = (site: PublicSite, studyUid: StudyUid, seriesUid: SeriesUid, instanceCount: number) =>
  queryOptions({
    queryKey: ['viewer', 'opening', site.id, studyUid, seriesUid, instanceCount],
    queryFn: async ({ signal }): Promise<SeriesOpening | null> => {
      const place = { site, studyUid, seriesUid };
      const answers = await Promise.all(endInstanceNumbers(instanceCount).map((number) => getDicomJson(instanceSearchUrl(seriesPath(place), number), site.timeoutMs, signal)));
      const [first] = stackFrames(answers.flatMap((answer) => (Array.isArray(answer) ? answer : [])));
      if (!first || first.numberOfFrames > 1) return null;
      return { frame: { ...first, instance: await instanceMetadata(place, first, signal) }, instanceCount };
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

/**
 * The frames of a large series in display order. Each carries its search answer and the series' metadata reader;
 * the first one its full metadata already. The search waits for the opening image's metadata, so that the archive
 * answers that first.
 */
export async function largeSeriesFrames(client: QueryClient, place: SeriesPlace, instanceCount: number, signal: AbortSignal): Promise<StackFrame[]> {
  const opening = await client.fetchQuery(seriesOpeningQuery(place.site, place.studyUid, place.seriesUid, instanceCount)).catch(() => null);
  const ordered = stackFrames(await getDicomJson(instanceSearchUrl(seriesPath(place)), place.site.timeoutMs * SEARCH_DEADLINE_FACTOR, signal));
  const bySop = new Map(ordered.map((frame) => [frame.sopInstanceUid, frame]));
  const background = new AbortController().signal;
  const known = new Map<SopInstanceUid, DicomJsonDataset>();
  if (opening && bySop.has(opening.frame.sopInstanceUid)) known.set(opening.frame.sopInstanceUid, opening.frame.instance);
  // Loaded with the viewer's chunk, which is what reads these instances.
  const { wholeInstanceMetadata } = await import('./cornerstone/largeSeriesInstances.ts');
  const fromStoredInstance = wholeInstanceMetadata(`${window.location.origin}${seriesPath(place)}`, place.site.timeoutMs);
  const readInstance = async (uid: SopInstanceUid): Promise<DicomJsonDataset> => {
    const frame = bySop.get(uid) as StackFrame;
    const instance = await fromStoredInstance(uid);
    if (!instance) return instanceMetadata(place, frame, background);
    const [filled] = await withPaletteTables(place.site, place, [{ ...frame, instance }], background);
    return filled?.instance ?? instance;
  };
  // Each image's load reads its instance (and so its metadata): nothing is read in the background besides.
  const reader = createInstanceMetadataReader(
    ordered.map((frame) => frame.sopInstanceUid),
    readInstance,
    known,
    0,
  );
  const first = ordered[0];
  if (first) await reader.read(first.sopInstanceUid);
  return ordered.map((frame) => ({ ...frame, deferred: reader }));
}
