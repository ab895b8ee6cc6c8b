/**
 * The images of a series as a stack, from its WADO-RS metadata (PS3.18 §10.4.1.1.2): one entry per frame,
 * in display order. Single-frame instances are ordered by position along the slice normal (see
 * {@link orderBySlicePosition}); a multi-frame instance contributes its frames in frame order.
 */
import { isDicomJsonDataset, numberValue, numberValues, sequenceItems, stringValue, type DicomJsonDataset } from '../dicom/dicomJson.ts';
import { asSopInstanceUid, type SeriesUid, type SopInstanceUid, type StudyUid } from '../dicom/identifiers.ts';
import { orderBySlicePosition } from './sliceOrder.ts';

/** One displayable frame of a stack. */
export interface StackFrame {
  sopInstanceUid: SopInstanceUid;
  /** 1-based, as in the WADO-RS frame list (PS3.18 §10.4.1.1.4). */
  frameNumber: number;
  numberOfFrames: number;
  /** Image Position (Patient) of the frame (mm), when known. */
  position: readonly number[] | undefined;
  /** The instance's metadata (shared by the frames of a multi-frame instance); a search answer where `deferred`. */
  instance: DicomJsonDataset;
  /** Where the instance's full metadata comes from when it is read on demand (a large series), else absent. */
  deferred?: DeferredInstanceMetadata;
}

/**
 * The full metadata (WADO-RS, PS3.18 §10.4.1.1.2) of a large series' instances, read one instance at a time: on
 * demand, and in the background around the displayed slice.
 */
export interface DeferredInstanceMetadata {
  /** The instance's full metadata once read, else `undefined`. */
  known(sopInstanceUid: SopInstanceUid): DicomJsonDataset | undefined;
  /** Reads the instance's full metadata now, ahead of the background reading. */
  read(sopInstanceUid: SopInstanceUid): Promise<DicomJsonDataset>;
  /** Reads, in the background, the metadata of up to `window` images around display index `index`, nearest first. */
  centre(index: number, window: number): void;
  /** Stops the background reading (the viewport went). */
  pause(): void;
}

/** The frame's instance metadata: the full one where it was read on demand, else what the frame carries. */
export function frameInstance(frame: StackFrame): DicomJsonDataset {
  return frame.deferred?.known(frame.sopInstanceUid) ?? frame.instance;
}

const IMAGE_POSITION = '00200032';
const IMAGE_ORIENTATION = '00200037';
const PER_FRAME_GROUPS = '52009230';
const SHARED_GROUPS = '52009229';
const PLANE_POSITION = '00209113';
const PLANE_ORIENTATION = '00209116';

function triple(values: number[]): readonly number[] | undefined {
  return values.length >= 3 ? values.slice(0, 3) : undefined;
}

/** Image Position (Patient) of frame `frameNumber`: per-frame functional group, else the instance's own. */
export function framePosition(instance: DicomJsonDataset, frameNumber: number): readonly number[] | undefined {
  const perFrame = sequenceItems(instance, PER_FRAME_GROUPS)[frameNumber - 1];
  const planePosition = perFrame && sequenceItems(perFrame, PLANE_POSITION)[0];
  return triple(numberValues(planePosition, IMAGE_POSITION)) ?? triple(numberValues(instance, IMAGE_POSITION));
}

/** Image Orientation (Patient) of an instance: its own, else the shared functional group's. */
export function instanceOrientation(instance: DicomJsonDataset): readonly number[] | undefined {
  const own = numberValues(instance, IMAGE_ORIENTATION);
  if (own.length >= 6) return own;
  const shared = sequenceItems(instance, SHARED_GROUPS)[0];
  const orientation = numberValues(shared && sequenceItems(shared, PLANE_ORIENTATION)[0], IMAGE_ORIENTATION);
  return orientation.length >= 6 ? orientation : undefined;
}

function numberOfFrames(instance: DicomJsonDataset): number {
  const frames = Math.trunc(numberValue(instance, '00280008') ?? 1);
  return frames >= 1 ? frames : 1;
}

/**
 * The frames of a series in display order. Instances without a valid SOP Instance UID are left out (their
 * frames could not be requested); single-frame instances come first, sorted by slice position with Instance
 * Number as the tie-break, then each multi-frame instance's frames, instances in Instance Number order.
 */
export function stackFrames(metadata: unknown): StackFrame[] {
  const instances = (Array.isArray(metadata) ? metadata : [])
    .filter(isDicomJsonDataset)
    .flatMap((instance) => {
      const sopInstanceUid = asSopInstanceUid(stringValue(instance, '00080018'), 'archive');
      return sopInstanceUid === undefined ? [] : [{ instance, sopInstanceUid, frames: numberOfFrames(instance) }];
    })
    .sort((a, b) => (numberValue(a.instance, '00200013') ?? 0) - (numberValue(b.instance, '00200013') ?? 0));

  const single = instances.filter((entry) => entry.frames === 1);
  const ordered = orderBySlicePosition(single, (entry) => ({
    position: framePosition(entry.instance, 1),
    orientation: instanceOrientation(entry.instance),
  }));
  const singleFrames = ordered.map(
    (entry): StackFrame => ({
      sopInstanceUid: entry.sopInstanceUid,
      frameNumber: 1,
      numberOfFrames: 1,
      position: framePosition(entry.instance, 1),
      instance: entry.instance,
    }),
  );
  const multiFrames = instances
    .filter((entry) => entry.frames > 1)
    .flatMap((entry) =>
      Array.from({ length: entry.frames }, (_, index): StackFrame => ({
        sopInstanceUid: entry.sopInstanceUid,
        frameNumber: index + 1,
        numberOfFrames: entry.frames,
        position: framePosition(entry.instance, index + 1),
        instance: entry.instance,
      })),
    );
  return [...singleFrames, ...multiFrames];
}

/**
 * The WADO-RS frame resource of one frame (PS3.18 §10.4.1.1.4), under the same-origin DICOMweb root of its
 * site. It is always built from that root, never from a BulkDataURI or Retrieve URL the archive wrote (those
 * name the archive's own host).
 */
export function framePath(dicomwebRoot: string, studyUid: StudyUid, seriesUid: SeriesUid, frame: StackFrame): string {
  return `${dicomwebRoot}/studies/${studyUid}/series/${seriesUid}/instances/${frame.sopInstanceUid}/frames/${frame.frameNumber}`;
}
