/**
 * The patient record the matcher reads: one site's identity of one patient, as fed (ITI-104) or harvested.
 *
 * Nothing here is normalised: the matcher keeps what the site wrote and compares normalised forms on the side, so
 * a decision's reason can show both.
 */

/** Administrative sex as HL7 v2 / DICOM write it: male, female, other, unknown. */
export type Sex = 'M' | 'F' | 'O' | 'U';

/** The INS systems: INS-NIR (production), INS-NIA, test and demonstration (ANS, Référentiel INS). */
export const insSystems = [
  'urn:oid:1.2.250.1.213.1.4.8',
  'urn:oid:1.2.250.1.213.1.4.9',
  'urn:oid:1.2.250.1.213.1.4.10',
  'urn:oid:1.2.250.1.213.1.4.11',
] as const;

export type InsSystem = (typeof insSystems)[number];

/** Identity status of the Référentiel national d'identitovigilance (RNIV): provisional, recovered, validated, qualified. */
export type InsStatus = 'provisional' | 'recovered' | 'validated' | 'qualified';

/** The national health identifier as one site holds it. */
export interface Ins {
  system: InsSystem;
  value: string;
  /** The identity's status at that site, when known. */
  status?: InsStatus;
}

/** `system|value`: a site's identifier of a record, unique across sites. */
export type RecordId = string & { readonly __brand: 'RecordId' };

export interface PatientRecord {
  /** The site's identifier system (its assigning authority); one system per site. */
  system: string;
  /** The site's identifier of the patient. */
  value: string;
  ins?: Ins;
  /** Nom de naissance. */
  birthFamilyName?: string;
  /** Nom d'usage (a married name, for instance), when the site holds one. */
  usedFamilyName?: string;
  /** Given names in order; the first is the first given name unless `firstGivenName` says otherwise. */
  givenNames: readonly string[];
  /** Premier prénom de naissance, when the site holds it apart from the list. */
  firstGivenName?: string;
  /** `YYYY-MM-DD`, or partial `YYYY-MM` / `YYYY`; absent when unknown. */
  birthDate?: string;
  sex: Sex;
  /** INSEE code of the birth place (commune or country), when known. */
  birthPlace?: string;
}

/** A record's `system|value` key. */
export function recordId(record: Pick<PatientRecord, 'system' | 'value'>): RecordId {
  return `${record.system}|${record.value}` as RecordId;
}

/** The first given name: the explicit one, else the first of the list. */
export function firstGivenName(record: PatientRecord): string | undefined {
  return record.firstGivenName ?? record.givenNames[0];
}

/** Whether an identifier system is one of the INS systems. */
export function isInsSystem(system: string): system is InsSystem {
  return (insSystems as readonly string[]).includes(system);
}
