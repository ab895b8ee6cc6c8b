/**
 * The cross-site key of one real person: what `[data-testid=patient-group]` carries as `data-patient-key`
 * (deployment contract §4). It is derived from the set of identifiers the person is known by — each one a
 * patient ID qualified by its assigning authority, Issuer of Patient ID (0010,0021), and by the site that holds
 * it — and never from a bare patient ID, which is only unique within its own domain.
 */
import type { Brand } from './identifiers.ts';

/** Cross-site patient key; build one with {@link patientKeyOf}. */
export type PatientKey = Brand<string, 'PatientKey'>;

/** One identifier of a person at one site. An empty issuer stands for "the study carried none". */
export interface QualifiedPatientId {
  siteId: string;
  issuerOfPatientId: string;
  patientId: string;
}

const PART = "[A-Za-z0-9\\-_.!~*'()%]*";
const ENTRY = new RegExp(`^${PART}:${PART}:${PART}$`);

/** Percent-encodes a value; a lone surrogate (which `encodeURIComponent` refuses) becomes U+FFFD first. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

function entryOf(id: QualifiedPatientId): string {
  return `${encode(id.siteId)}:${encode(id.issuerOfPatientId)}:${encode(id.patientId)}`;
}

/**
 * The key of a set of identifiers: `site:issuer:patientId` entries (each part percent-encoded, so `:` and `,`
 * never occur inside one), sorted and joined with `,`, e.g. `cgfl:CGFL:456,chu-dijon:CHU-DIJON:123`. The same
 * set gives the same key whatever its order or repetitions; two different sets of well-formed texts never
 * give the same key.
 * An empty set gives the empty string, which no group carries.
 */
export function patientKeyOf(ids: readonly QualifiedPatientId[]): PatientKey {
  return [...new Set(ids.map(entryOf))].sort().join(',') as PatientKey;
}

/** A patient key when `value` has the shape {@link patientKeyOf} produces (e.g. read back from a URL). */
export function asPatientKey(value: unknown): PatientKey | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const entries = value.split(',');
  if (!entries.every((entry) => ENTRY.test(entry))) return undefined;
  const sorted = [...new Set(entries)].sort();
  return sorted.length === entries.length && sorted.every((entry, index) => entry === entries[index])
    ? (value as PatientKey)
    : undefined;
}

/** The identifiers a key was built from; `undefined` when the text is not a well-formed key. */
export function patientKeyIdentifiers(key: string): QualifiedPatientId[] | undefined {
  if (asPatientKey(key) === undefined) return undefined;
  try {
    return key.split(',').map((entry) => {
      const [siteId = '', issuer = '', patientId = ''] = entry.split(':');
      return { siteId: decodeURIComponent(siteId), issuerOfPatientId: decodeURIComponent(issuer), patientId: decodeURIComponent(patientId) };
    });
  } catch {
    return undefined;
  }
}
