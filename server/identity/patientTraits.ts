/**
 * A site's patient record as the identity cross-reference manager sees it: an identifier in the site's domain and
 * the traits that tell one person from another, with the national health identifier (INS) among them when the site
 * holds a qualified identity. Shared by the storage (server/db), the FHIR mapping and the matcher.
 */

/** A FHIR identifier: a domain (`system`, a URI) and a value in it. */
export interface RecordIdentifier {
  system: string;
  value: string;
}

/** FHIR's administrative gender (R4 value set `administrative-gender`). */
export type Sex = 'male' | 'female' | 'other' | 'unknown';

export interface RecordTraits {
  /** Nom de naissance: the family name at birth. */
  birthName: string | null;
  /** Nom utilisé: the family name in use (a married name), when it differs or is given. */
  usedName: string | null;
  /** Prénoms, in order: the first is the first given name of the strict traits. */
  givenNames: string[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  birthDate: string | null;
  sex: Sex | null;
  /** The INS, when the site knows it. */
  ins: RecordIdentifier | null;
}

/** The INS systems (ANS, "Référentiel INS"): INS-NIR, INS-NIA, and the test and demonstration NIR. */
export const INS_SYSTEMS: readonly string[] = [
  'urn:oid:1.2.250.1.213.1.4.8',
  'urn:oid:1.2.250.1.213.1.4.9',
  'urn:oid:1.2.250.1.213.1.4.10',
  'urn:oid:1.2.250.1.213.1.4.11',
];

/**
 * The one spelling of an identifier system the manager stores and compares: trimmed, and a bare OID given its
 * `urn:oid:` prefix (RFC 3001), which some systems leave out; other URIs are kept as they are.
 */
export function canonicalSystem(system: string): string {
  const trimmed = system.trim();
  if (/^[0-2](\.[0-9]+)+$/.test(trimmed)) return `urn:oid:${trimmed}`;
  const oid = /^urn:oid:([0-2](?:\.[0-9]+)+)$/i.exec(trimmed);
  return oid ? `urn:oid:${oid[1]}` : trimmed;
}

export function isInsSystem(system: string): boolean {
  return INS_SYSTEMS.includes(canonicalSystem(system));
}

/** Lower case, accents gone, hyphens, apostrophes and runs of spaces made one space: for searching. */
export { searchForm } from '../../src/domain/identity/searchForm.ts';
