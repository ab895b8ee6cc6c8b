/**
 * Date range matching for QIDO-RS (PS3.18 §8.3.4.1, with the matching rules of PS3.4 §C.2.2.2.5):
 * `YYYYMMDD-YYYYMMDD`, open-ended `YYYYMMDD-` (on or after) and `-YYYYMMDD` (on or before), or a single date.
 */
import { compareDicomDates, toDicomDateString, type DicomDate } from './dicomDate.ts';

/** The matching value to send, or why none can be sent. */
export type DicomDateRange =
  | { kind: 'any' }
  | { kind: 'range'; value: string }
  | { kind: 'invalid'; reason: 'from-after-to' };

/**
 * The range matching value between two optional bounds, both included. No bound: `any` (no matching key);
 * equal bounds: the single date; `from` after `to`: `invalid` — never silently widened to "any date".
 */
export function dicomDateRange(from: DicomDate | undefined, to: DicomDate | undefined): DicomDateRange {
  if (from === undefined && to === undefined) return { kind: 'any' };
  if (from !== undefined && to !== undefined) {
    const order = compareDicomDates(from, to);
    if (order > 0) return { kind: 'invalid', reason: 'from-after-to' };
    if (order === 0) return { kind: 'range', value: toDicomDateString(from) };
  }
  const lower = from === undefined ? '' : toDicomDateString(from);
  const upper = to === undefined ? '' : toDicomDateString(to);
  return { kind: 'range', value: `${lower}-${upper}` };
}

/** Whether `date` lies within the optional bounds, both included (client-side check of a range). */
export function isWithinDateRange(date: DicomDate, from?: DicomDate, to?: DicomDate): boolean {
  if (from !== undefined && compareDicomDates(date, from) < 0) return false;
  return to === undefined || compareDicomDates(date, to) <= 0;
}
