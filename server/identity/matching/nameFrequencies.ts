/**
 * How common each normalised family name and first given name is among the records, to adjust the weight of an
 * agreement on it (term-frequency adjustment, as in Splink and Winkler's frequency-based matching): MARTIN = MARTIN
 * says less than a rare name shared.
 */
import { compactName, familyNameForms } from './frenchNormalisation.ts';
import { firstGivenName, type PatientRecord } from './patientRecord.ts';

export interface NameFrequencies {
  familyName: ReadonlyMap<string, number>;
  givenName: ReadonlyMap<string, number>;
  /** Number of names counted, per field. */
  familyTotal: number;
  givenTotal: number;
}

/** Counts of each normalised family name (birth and used, every form) and first given name. */
export function nameFrequencies(records: readonly PatientRecord[]): NameFrequencies {
  const familyName = new Map<string, number>();
  const givenName = new Map<string, number>();
  let familyTotal = 0;
  let givenTotal = 0;
  for (const record of records) {
    const forms = new Set([record.birthFamilyName, record.usedFamilyName].flatMap((name) => (name ? familyNameForms(name) : [])));
    for (const form of forms) familyName.set(form, (familyName.get(form) ?? 0) + 1);
    if (forms.size > 0) familyTotal++;
    const given = compactName(firstGivenName(record) ?? '');
    if (given) {
      givenName.set(given, (givenName.get(given) ?? 0) + 1);
      givenTotal++;
    }
  }
  return { familyName, givenName, familyTotal, givenTotal };
}

/** Fewer names than this counted, and frequencies say more of the sample than of the names: no adjustment. */
export const minimumNamesForFrequencies = 1000;

/**
 * The share of records with that name, or `undefined` when the name was not counted or too few names were (a handful
 * of records of one family would make its name look common).
 */
export function nameShare(frequencies: NameFrequencies, field: 'familyName' | 'givenName', value: string): number | undefined {
  const count = frequencies[field].get(value);
  const total = field === 'familyName' ? frequencies.familyTotal : frequencies.givenTotal;
  if (count === undefined || total < minimumNamesForFrequencies) return undefined;
  return Math.max(count, 1) / total;
}
