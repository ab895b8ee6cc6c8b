/**
 * Date (DA) values, PS3.5 §6.2: `YYYYMMDD`, and the ACR-NEMA form `YYYY.MM.DD` that old objects still carry.
 * Dates are kept as plain structured values, free of `Date` and of any time zone: a study date is a calendar
 * date, and converting it to an instant shifts it by a day somewhere in the world.
 */

/** A calendar date (month 1–12, day 1–31, checked against the month and leap years). */
export interface DicomDate {
  year: number;
  month: number;
  day: number;
}

/** How much of a date a display shows: `numeric` (`05/03/2024`), `medium` (`5 mars 2024`), `long`. */
export type DateDisplayStyle = 'numeric' | 'medium' | 'long';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A date when the parts make one (year 1–9999), otherwise `undefined`. */
export function makeDicomDate(year: number, month: number, day: number): DicomDate | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  return day <= daysInMonth(year, month) ? { year, month, day } : undefined;
}

/**
 * Parses a DA value (`20240305`, or the ACR-NEMA `2024.03.05`), padding trimmed; `undefined` for anything
 * else, including impossible dates (`20230229`) and ranges.
 */
export function parseDicomDate(text: unknown): DicomDate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})(?:(\d{2})(\d{2})|\.(\d{2})\.(\d{2}))$/.exec(text.trim());
  if (!match) return undefined;
  const month = match[2] ?? match[4];
  const day = match[3] ?? match[5];
  return makeDicomDate(Number(match[1]), Number(month), Number(day));
}

/** Parses `YYYY-MM-DD` (the value of an HTML date input, ISO 8601 calendar date). */
export function parseIsoDate(text: unknown): DicomDate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return match ? makeDicomDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The DA form `YYYYMMDD` (PS3.5 §6.2). */
export function toDicomDateString(date: DicomDate): string {
  return `${pad(date.year, 4)}${pad(date.month, 2)}${pad(date.day, 2)}`;
}

/** The ISO 8601 form `YYYY-MM-DD`. */
export function toIsoDateString(date: DicomDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Negative when `a` is before `b`, zero when equal, positive after. */
export function compareDicomDates(a: DicomDate, b: DicomDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** 400 Gregorian years, a whole number of days: moves years 1–99 out of `Date.UTC`'s 1900 shortcut. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

function utcMilliseconds(date: DicomDate): number {
  return date.year < 100
    ? Date.UTC(date.year + 400, date.month - 1, date.day) - FOUR_CENTURIES_MS
    : Date.UTC(date.year, date.month - 1, date.day);
}

const STYLES: Record<DateDisplayStyle, Intl.DateTimeFormatOptions> = {
  numeric: { year: 'numeric', month: '2-digit', day: '2-digit' },
  medium: { year: 'numeric', month: 'short', day: 'numeric' },
  long: { year: 'numeric', month: 'long', day: 'numeric' },
};

/**
 * A date for display in `locale` (`fr-FR` → `05/03/2024`, `en-US` → `03/05/2024`), computed in UTC so the
 * calendar date never shifts. An unknown or malformed locale falls back to ISO `2024-03-05`; never throws.
 */
export function formatDicomDate(date: DicomDate, locale: string, style: DateDisplayStyle = 'numeric'): string {
  try {
    return new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: 'UTC' }).format(utcMilliseconds(date));
  } catch {
    return toIsoDateString(date);
  }
}

/** Parses then formats a DA value; `''` when it is not a date (see {@link formatDicomDate}). */
export function formatDicomDateText(text: unknown, locale: string, style: DateDisplayStyle = 'numeric'): string {
  const date = parseDicomDate(text);
  return date === undefined ? '' : formatDicomDate(date, locale, style);
}
