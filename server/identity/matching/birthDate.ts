/** Birth dates as sites write them: `YYYY-MM-DD`, or partial `YYYY-MM` / `YYYY`, or missing. */

export interface BirthDateParts {
  year: string;
  month?: string;
  day?: string;
}

/** The parts of a birth date, or `undefined` when it is missing or not a date. */
export function parseBirthDate(text: string | undefined): BirthDateParts | undefined {
  const match = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$/.exec(text?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const [, year, month, day] = match;
  return { year, ...(month ? { month } : {}), ...(day && month ? { day } : {}) };
}

/** Whether day and month may be swapped: both are at most 12 and differ. */
export function canSwapDayAndMonth(date: BirthDateParts): boolean {
  return date.day !== undefined && date.month !== undefined && date.day !== date.month && Number(date.day) <= 12;
}

/** The full date as `YYYYMMDD`, or `undefined` when partial. */
export function compactDate(date: BirthDateParts): string | undefined {
  return date.month && date.day ? `${date.year}${date.month}${date.day}` : undefined;
}

/** A full date's key that does not see day and month swapped: year, then the smaller and the larger of the two. */
export function swapFreeDateKey(date: BirthDateParts): string | undefined {
  if (!date.month || !date.day) return undefined;
  const [low, high] = date.month < date.day ? [date.month, date.day] : [date.day, date.month];
  return `${date.year}${low}${high}`;
}
