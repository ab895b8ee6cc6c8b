/**
 * The calendar date of an IID date-time bound (`lowerDateTime`, `upperDateTime`, RAD-106): an XML Schema
 * `dateTime` / ISO 8601 extended form such as `2026-01-01T00:00:00`, maybe with fractional seconds and a zone
 * (`Z`, `+01:00`), or a plain date `2026-01-01`. A space for the `T`, a zone without `:`, a `+` of the zone
 * that the query string turned into a space (an unencoded `+`), and the DICOM DA form `20260101` are tolerated.
 *
 * Study Date (0008,0020) is a local calendar date, so the date is kept as written, in the zone it was written
 * in: `2026-01-01T00:30:00+01:00` is the 1st of January, not 31 December in UTC. The time of day is dropped, so
 * a range of whole days, bounds included, can only be wider than asked, never narrower. `24:00:00` is the start
 * of the next day (XML Schema §3.3.7).
 */
import { makeDicomDate, parseDicomDate, type DicomDate } from '../dicom/dicomDate.ts';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:Z|[+\- ](\d{2}):?(\d{2}))?$/i;

function nextDay({ year, month, day }: DicomDate): DicomDate | undefined {
  return makeDicomDate(year, month, day + 1) ?? makeDicomDate(year, month + 1, 1) ?? makeDicomDate(year + 1, 1, 1);
}

/** The calendar date of a date-time bound, or `undefined` when the text is not a valid date-time. */
export function calendarDateOfIsoDateTime(text: string): DicomDate | undefined {
  const trimmed = text.trim();
  if (/^\d{8}$/.test(trimmed)) return parseDicomDate(trimmed);
  const match = DATE_TIME.exec(trimmed);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zoneHour, zoneMinute] = match;
  const date = makeDicomDate(Number(year), Number(month), Number(day));
  if (date === undefined) return undefined;
  if (zoneHour !== undefined && (Number(zoneHour) > 14 || Number(zoneMinute) > 59)) return undefined;
  if (hour === undefined) return date;
  const [h, m, s] = [Number(hour), Number(minute), Number(second ?? 0)];
  if (h === 24) return m === 0 && s === 0 && !/[1-9]/.test(fraction ?? '') ? nextDay(date) : undefined;
  return h <= 23 && m <= 59 && s <= 60 ? date : undefined;
}
