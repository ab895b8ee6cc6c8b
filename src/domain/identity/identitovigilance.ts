/**
 * Identitovigilance checks on identities linked as one person (by IHE PIXm, ITI-83, or by studies of the same
 * identifier): a birth date, a sex or a name that disagrees is shown to the user, since a wrong link would put
 * another person's images in the patient's record. Names are compared with tolerance for spelling variants.
 */
import { parseDicomDate, toDicomDateString, type DicomDate } from '../dicom/dicomDate.ts';
import { toPersonNameGroups } from '../dicom/dicomJson.ts';
import { comparePersonNames } from './nameComparison.ts';

/** The demographics one identity (or one of its studies) carries. */
export interface IdentityDemographics {
  siteId: string;
  patientId: string;
  /** Patient's Name (0010,0010): DICOM JSON PN object or PS3.5 text. */
  name?: unknown;
  /** Patient's Birth Date (0010,0030): DA text or parsed date. */
  birthDate?: string | DicomDate;
  /** Patient's Sex (0010,0040): `M`, `F`, `O`. */
  sex?: string;
}

/** One identity's value of a checked attribute, as received (birth dates as `YYYYMMDD`). */
export interface DemographicValue {
  siteId: string;
  patientId: string;
  value: string;
}

export type IdentityWarningKind = 'birth-date-differs' | 'sex-differs' | 'name-differs' | 'name-spelling-variant';

/** A disagreement between linked identities; `info` for spelling variants, `warning` otherwise. */
export interface IdentityWarning {
  kind: IdentityWarningKind;
  severity: 'warning' | 'info';
  /** Every identity's value of the attribute (identities without one left out), in input order. */
  values: DemographicValue[];
}

function birthDateText(value: IdentityDemographics['birthDate']): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return toDicomDateString(value);
  const parsed = parseDicomDate(value);
  if (parsed !== undefined) return toDicomDateString(parsed);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function sexText(value: string | undefined): string | undefined {
  const trimmed = value?.trim().toUpperCase();
  return trimmed === '' ? undefined : trimmed;
}

function nameText(value: unknown): string | undefined {
  const groups = toPersonNameGroups(value);
  return groups === undefined ? undefined : [groups.Alphabetic, groups.Ideographic, groups.Phonetic].map((g) => g ?? '').join('=').replace(/=+$/, '');
}

function collect(
  identities: readonly IdentityDemographics[],
  read: (identity: IdentityDemographics) => string | undefined,
): DemographicValue[] {
  const values: DemographicValue[] = [];
  for (const identity of identities) {
    const value = read(identity);
    if (value === undefined) continue;
    if (values.some((seen) => seen.siteId === identity.siteId && seen.patientId === identity.patientId && seen.value === value)) continue;
    values.push({ siteId: identity.siteId, patientId: identity.patientId, value });
  }
  return values;
}

function exactCheck(kind: IdentityWarningKind, values: DemographicValue[]): IdentityWarning[] {
  return new Set(values.map((entry) => entry.value)).size > 1 ? [{ kind, severity: 'warning', values }] : [];
}

function nameCheck(values: DemographicValue[]): IdentityWarning[] {
  let variant = false;
  for (let i = 0; i < values.length; i += 1) {
    for (let j = i + 1; j < values.length; j += 1) {
      const comparison = comparePersonNames(values[i]?.value, values[j]?.value);
      if (comparison === 'different') return [{ kind: 'name-differs', severity: 'warning', values }];
      if (comparison === 'variant') variant = true;
    }
  }
  return variant ? [{ kind: 'name-spelling-variant', severity: 'info', values }] : [];
}

/**
 * The disagreements between identities believed to be one person: birth dates that differ, sexes that differ,
 * names that differ beyond spelling variants (`warning`), names that are spelling variants (`info`).
 * A missing value contradicts nothing and is left out.
 */
export function identitovigilanceWarnings(identities: readonly IdentityDemographics[]): IdentityWarning[] {
  return [
    ...exactCheck('birth-date-differs', collect(identities, (identity) => birthDateText(identity.birthDate))),
    ...exactCheck('sex-differs', collect(identities, (identity) => sexText(identity.sex))),
    ...nameCheck(collect(identities, (identity) => nameText(identity.name))),
  ];
}
