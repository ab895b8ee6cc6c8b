/** The fields the matcher compares and the levels of agreement each comparison gives (Splink's comparison levels). */

/** Levels from the strongest agreement to none; `missing` when either side has nothing to compare. */
export const levels = ['exact', 'normalised', 'close', 'different', 'missing'] as const;
export type Level = (typeof levels)[number];

export const fields = ['familyName', 'givenName', 'birthDate', 'sex', 'birthPlace'] as const;
export type Field = (typeof fields)[number];

/** One level per field, with what was compared, so that a decision can say why. */
export type ComparisonVector = Record<Field, FieldComparison>;

export interface FieldComparison {
  level: Level;
  /** What agreed or not, in words: `birth name = used name`, `day and month swapped`, `one edit`. */
  how?: string;
  /** For names that agree, the normalised name they share (its frequency adjusts the weight). */
  value?: string;
}

/** Whether a level is an agreement without doubt (exact or equal once normalised). */
export function agrees(level: Level): boolean {
  return level === 'exact' || level === 'normalised';
}

/** A vector's levels as one small integer (base 5), for counting patterns in EM. */
export function patternCode(vector: ComparisonVector): number {
  let code = 0;
  for (const field of fields) code = code * levels.length + levels.indexOf(vector[field].level);
  return code;
}

/** The levels of a pattern code, in the order of `fields`. */
export function patternLevels(code: number): Level[] {
  const out: Level[] = [];
  let rest = code;
  for (let i = fields.length - 1; i >= 0; i--) {
    out[i] = levels[rest % levels.length] ?? 'missing';
    rest = Math.floor(rest / levels.length);
  }
  return out;
}
