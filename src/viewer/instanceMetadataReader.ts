/**
 * The full metadata of a large series' instances (WADO-RS, PS3.18 §10.4.1.1.2), one instance per request: on
 * demand (an image about to be fetched waits for its own), and in the background outward from the displayed
 * slice, the scroll direction first, a few requests at a time, within the window the viewport keeps ready.
 * Attributes repeated from one instance to the next are kept once, so that thousands of instances stay small.
 */
import type { DicomJsonDataset } from '../domain/dicom/dicomJson.ts';
import type { SopInstanceUid } from '../domain/dicom/identifiers.ts';
import { shareRepeatedAttributes, type AttributePool } from '../domain/viewer/largeSeries.ts';
import { prefetchOrder, prefetchWindow, scrollDirection, type ScrollDirection } from '../domain/viewer/prefetchOrder.ts';
import type { DeferredInstanceMetadata } from '../domain/viewer/stackFrames.ts';

/** Background requests in flight at once by default: the archive reads a file for each. */
const BACKGROUND_CONCURRENCY = 3;

/**
 * A reader for the instances `sopInstanceUids` (display order, one per image: a multi-frame instance repeats),
 * fetching one instance's metadata with `fetchInstance`; `known` seeds what was read already. `backgroundConcurrency`
 * 0 reads on demand only (where each image's load reads its own metadata, as a stored instance's retrieval does).
 */
export function createInstanceMetadataReader(
  sopInstanceUids: readonly SopInstanceUid[],
  fetchInstance: (sopInstanceUid: SopInstanceUid) => Promise<DicomJsonDataset>,
  known: ReadonlyMap<SopInstanceUid, DicomJsonDataset> = new Map(),
  backgroundConcurrency = BACKGROUND_CONCURRENCY,
): DeferredInstanceMetadata {
  const pool: AttributePool = new Map();
  const read = new Map<SopInstanceUid, DicomJsonDataset>();
  for (const [uid, dataset] of known) read.set(uid, shareRepeatedAttributes(dataset, pool));
  const reading = new Map<SopInstanceUid, Promise<DicomJsonDataset>>();
  const failed = new Set<SopInstanceUid>();
  let queue: SopInstanceUid[] = [];
  let background = 0;
  let centred: number | undefined;
  let direction: ScrollDirection = 1;

  const start = (uid: SopInstanceUid): Promise<DicomJsonDataset> => {
    const existing = reading.get(uid);
    if (existing) return existing;
    const request = fetchInstance(uid).then(
      (dataset) => {
        const shared = shareRepeatedAttributes(dataset, pool);
        read.set(uid, shared);
        failed.delete(uid);
        return shared;
      },
      (error: unknown) => {
        failed.add(uid);
        throw error;
      },
    );
    reading.set(uid, request);
    void request.catch(() => undefined).finally(() => reading.delete(uid));
    return request;
  };

  const pump = () => {
    while (background < backgroundConcurrency && queue.length > 0) {
      const uid = queue.shift() as SopInstanceUid;
      if (read.has(uid) || reading.has(uid) || failed.has(uid)) continue;
      background += 1;
      void start(uid)
        .catch(() => undefined)
        .finally(() => {
          background -= 1;
          pump();
        });
    }
  };

  return {
    known: (uid) => read.get(uid),
    read: (uid) => {
      const done = read.get(uid);
      return done ? Promise.resolve(done) : start(uid);
    },
    centre(index, window) {
      if (backgroundConcurrency <= 0) return;
      if (centred !== undefined) direction = scrollDirection(centred, index, direction);
      centred = index;
      const count = sopInstanceUids.length;
      const order = prefetchOrder(index, count, direction, prefetchWindow(index, count, direction, window));
      queue = order.map((position) => sopInstanceUids[position] as SopInstanceUid).filter((uid) => !read.has(uid));
      pump();
    },
    pause() {
      queue = [];
    },
  };
}
