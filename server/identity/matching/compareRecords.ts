/**
 * The comparison vector of two records: one level per field, each with how it was reached.
 *
 * - Family name: the birth names and used names of both sides are compared crosswise (birth against birth, birth
 *   against used, used against used), and the best level is kept, saying which pairing gave it.
 * - Given name: the first given names; a first given name found in the other's list, or a compound name whose parts
 *   are the other's first two given names, is `close`.
 * - Birth date: `normalised` when day and month are swapped, `close` for one typed character or a partial date
 *   that fits.
 * - Sex and birth place: equal or not.
 */
import { canSwapDayAndMonth, compactDate, parseBirthDate } from './birthDate.ts';
import type { ComparisonVector, FieldComparison, Level } from './comparisonLevels.ts';
import { compactName, familyNameForms } from './frenchNormalisation.ts';
import { firstGivenName, type PatientRecord } from './patientRecord.ts';
import { damerauLevenshtein, jaroWinkler } from './stringDistance.ts';

const rank: Record<Level, number> = { exact: 0, normalised: 1, close: 2, different: 3, missing: 4 };

/**
 * Two spellings of one name: exact, normalised-equal, close (one edit; or, where `similar` allows, Jaro–Winkler ≥ 0.94,
 * which catches two typos in a long family name), or different.
 */
export function compareNames(a: string, b: string, similar = true): Level {
  return compareNamesWithValue(a, b, similar).level;
}

/** `compareNames`, with the normalised form the two names share when they agree. */
export function compareNamesWithValue(a: string, b: string, similar = true): { level: Level; value?: string } {
  const aForms = familyNameForms(a);
  const bForms = familyNameForms(b);
  if (aForms.length === 0 || bForms.length === 0) return { level: 'missing' };
  if (a.trim().toUpperCase() === b.trim().toUpperCase()) return { level: 'exact', value: aForms[0] as string };
  const shared = aForms.find((form) => bForms.includes(form));
  if (shared) return { level: 'normalised', value: shared };
  const [aWhole = '', bWhole = ''] = [aForms[0], bForms[0]];
  if (damerauLevenshtein(aWhole, bWhole, 1) <= 1 || (similar && jaroWinkler(aWhole, bWhole) >= 0.94)) return { level: 'close' };
  return { level: 'different' };
}

function familyNames(record: PatientRecord): [string, string][] {
  const names: [string, string][] = [];
  if (record.birthFamilyName?.trim()) names.push(['birth name', record.birthFamilyName]);
  if (record.usedFamilyName?.trim()) names.push(['used name', record.usedFamilyName]);
  return names;
}

/** The best level over every pairing of the two records' birth and used family names. */
export function compareFamilyNames(a: PatientRecord, b: PatientRecord): FieldComparison {
  let best: FieldComparison = { level: 'missing' };
  for (const [aKind, aName] of familyNames(a)) {
    for (const [bKind, bName] of familyNames(b)) {
      const { level, value } = compareNamesWithValue(aName, bName);
      if (rank[level] < rank[best.level]) best = { level, how: `${aKind} / ${bKind}`, ...(value ? { value } : {}) };
    }
  }
  return best;
}

/** First given names, then each against the other's list of given names. */
export function compareGivenNames(a: PatientRecord, b: PatientRecord): FieldComparison {
  const aFirst = firstGivenName(a);
  const bFirst = firstGivenName(b);
  if (!aFirst?.trim() || !bFirst?.trim()) return { level: 'missing' };
  // Given names are short and many differ by little (JEAN, JEANNE): one edit at most is close, no Jaro–Winkler.
  const { level, value } = compareNamesWithValue(aFirst, bFirst, false);
  if (level !== 'different') return { level, how: 'first given names', ...(value ? { value } : {}) };
  const inList = (name: string, record: PatientRecord) =>
    record.givenNames.some((other) => compactName(other) === compactName(name));
  if (inList(aFirst, b) || inList(bFirst, a)) return { level: 'close', how: 'first given name among the other given names' };
  const joined = (record: PatientRecord) => record.givenNames.slice(0, 2).map(compactName).join('');
  if (compactName(aFirst) === joined(b) || compactName(bFirst) === joined(a)) {
    return { level: 'close', how: 'compound first given name against two given names' };
  }
  return { level: 'different', how: 'first given names' };
}

/** Birth dates: exact, day and month swapped, one typed character or a fitting partial date, different. */
export function compareBirthDates(aText: string | undefined, bText: string | undefined): FieldComparison {
  const a = parseBirthDate(aText);
  const b = parseBirthDate(bText);
  if (!a || !b) return { level: 'missing' };
  const aFull = compactDate(a);
  const bFull = compactDate(b);
  if (aFull && bFull) {
    if (aFull === bFull) return { level: 'exact' };
    if (canSwapDayAndMonth(a) && a.year === b.year && a.day === b.month && a.month === b.day) {
      return { level: 'normalised', how: 'day and month swapped' };
    }
    if (damerauLevenshtein(aFull, bFull, 1) <= 1) return { level: 'close', how: 'one character' };
    return { level: 'different' };
  }
  const fits = a.year === b.year && (!a.month || !b.month || a.month === b.month);
  return fits ? { level: 'close', how: 'partial date' } : { level: 'different', how: 'partial date' };
}

/** Sex: M, F and O compare; U is missing. */
export function compareSex(a: PatientRecord, b: PatientRecord): FieldComparison {
  if (a.sex === 'U' || b.sex === 'U') return { level: 'missing' };
  return { level: a.sex === b.sex ? 'exact' : 'different' };
}

function compareBirthPlaces(a: PatientRecord, b: PatientRecord): FieldComparison {
  const aPlace = (a.birthPlace ?? '').trim().toUpperCase();
  const bPlace = (b.birthPlace ?? '').trim().toUpperCase();
  if (!aPlace || !bPlace) return { level: 'missing' };
  return { level: aPlace === bPlace ? 'exact' : 'different' };
}

/** The comparison vector of two records. */
export function compareRecords(a: PatientRecord, b: PatientRecord): ComparisonVector {
  return {
    familyName: compareFamilyNames(a, b),
    givenName: compareGivenNames(a, b),
    birthDate: compareBirthDates(a.birthDate, b.birthDate),
    sex: compareSex(a, b),
    birthPlace: compareBirthPlaces(a, b),
  };
}
