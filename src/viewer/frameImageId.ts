import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { framePath, type StackFrame } from '../domain/viewer/stackFrames.ts';

/** The Cornerstone3D image id of a frame: its WADO-RS frame URL through the same-origin root. */
export function frameImageId(site: PublicSite, studyUid: StudyUid, seriesUid: SeriesUid, frame: StackFrame): string {
  return `wadors:${window.location.origin}${framePath(site.dicomweb, studyUid, seriesUid, frame)}`;
}
