/**
 * The order of studies in a timeline: newest first by Study Date (0008,0020) and Study Time (0008,0030), then
 * by site and Study Instance UID so that the order is the same on every render. Studies without a date come last.
 */
import { compareDicomDates } from '../dicom/dicomDate.ts';
import { timeOfDayMicroseconds } from '../dicom/dicomTime.ts';
import type { StudySummary } from './studySummary.ts';

type Ordered = Pick<StudySummary, 'studyDate' | 'studyTime' | 'siteId' | 'studyUid'>;

/** Comparator for `Array.prototype.sort`: newest first, undated last, then site id, then Study Instance UID. */
export function compareStudiesNewestFirst(a: Ordered, b: Ordered): number {
  if (a.studyDate && b.studyDate) {
    const byDate = compareDicomDates(b.studyDate, a.studyDate);
    if (byDate !== 0) return byDate;
    const byTime = (b.studyTime ? timeOfDayMicroseconds(b.studyTime) : -1) - (a.studyTime ? timeOfDayMicroseconds(a.studyTime) : -1);
    if (byTime !== 0) return byTime;
  } else if (a.studyDate || b.studyDate) {
    return a.studyDate ? -1 : 1;
  }
  if (a.siteId !== b.siteId) return a.siteId < b.siteId ? -1 : 1;
  if (a.studyUid !== b.studyUid) return a.studyUid < b.studyUid ? -1 : 1;
  return 0;
}

/** A sorted copy, newest first (see {@link compareStudiesNewestFirst}). */
export function studiesNewestFirst<T extends Ordered>(studies: readonly T[]): T[] {
  return [...studies].sort(compareStudiesNewestFirst);
}
