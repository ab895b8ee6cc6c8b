/**
 * Time (TM) values, PS3.5 §6.2: `HHMMSS.FFFFFF` where every part after the hour may be left out
 * (`HH`, `HHMM`, `HHMMSS`, `HHMMSS.F` to `HHMMSS.FFFFFF`), and the ACR-NEMA form `HH:MM:SS.frac`.
 */

/** A time of day as precise as the value was: absent parts stay absent. */
export interface DicomTime {
  hour: number;
  minute?: number;
  second?: number;
  /** Fraction of a second, in microseconds (`.5` → 500000). */
  microsecond?: number;
}

function fractionToMicroseconds(fraction: string): number {
  return Number(fraction.padEnd(6, '0'));
}

/**
 * Parses a TM value (padding trimmed): hour 00–23, minute 00–59, second 00–60 (PS3.5 allows the leap second);
 * `undefined` for anything else, including ranges.
 */
export function parseDicomTime(text: unknown): DicomTime | undefined {
  if (typeof text !== 'string') return undefined;
  const value = text.trim();
  const match =
    /^(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(value) ??
    /^(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(value);
  if (!match) return undefined;
  const [, hh, mm, ss, fraction] = match;
  const time: DicomTime = { hour: Number(hh) };
  if (time.hour > 23) return undefined;
  if (mm !== undefined) {
    time.minute = Number(mm);
    if (time.minute > 59) return undefined;
  }
  if (ss !== undefined) {
    time.second = Number(ss);
    if (time.second > 60) return undefined;
  }
  if (fraction !== undefined) time.microsecond = fractionToMicroseconds(fraction);
  return time;
}

/** Microseconds since midnight, absent parts counted as zero: a key to order times. */
export function timeOfDayMicroseconds(time: DicomTime): number {
  const seconds = time.hour * 3600 + (time.minute ?? 0) * 60 + (time.second ?? 0);
  return seconds * 1_000_000 + (time.microsecond ?? 0);
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/**
 * A time for display: without a locale, `14:05` or `14:05:30` (seconds only when the value has them, a lone
 * hour as `14:00`); with a locale, its own clock (`2:05 PM` in `en-US`). Never throws: an unknown locale
 * falls back to the 24-hour form.
 */
export function formatDicomTime(time: DicomTime, locale?: string): string {
  const plain = `${pad2(time.hour)}:${pad2(time.minute ?? 0)}${time.second === undefined ? '' : `:${pad2(time.second)}`}`;
  if (locale === undefined) return plain;
  try {
    const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' };
    if (time.second !== undefined) options.second = '2-digit';
    const instant = Date.UTC(1970, 0, 1, time.hour, time.minute ?? 0, Math.min(time.second ?? 0, 59));
    return new Intl.DateTimeFormat(locale, options).format(instant);
  } catch {
    return plain;
  }
}

/** Parses then formats a TM value; `''` when it is not a time (see {@link formatDicomTime}). */
export function formatDicomTimeText(text: unknown, locale?: string): string {
  const time = parseDicomTime(text);
  return time === undefined ? '' : formatDicomTime(time, locale);
}
