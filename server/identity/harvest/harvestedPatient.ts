/**
 * A site's patient as one of its studies tells it (QIDO-RS study attributes, DICOM JSON, PS3.18 §F.2): the site's
 * own identifier and the traits the identity manager matches on. Pure: DICOM JSON in, a record or a reason to skip
 * out.
 *
 * - Identifier: Patient ID (0010,0020) when its issuer is the site's (Issuer of Patient ID (0010,0021), or none given);
 *   otherwise the item of Other Patient IDs Sequence (0010,1002) with the site's issuer.
 * - INS (national health identifier): Patient ID, or an item of Other Patient IDs Sequence, whose issuer is an INS
 *   OID (1.2.250.1.213.1.4.8, .9, .10, .11), in Issuer of Patient ID or in the Universal Entity ID of Issuer of
 *   Patient ID Qualifiers Sequence (0010,0024).
 * - Names: Patient's Name (0010,0010), its alphabetic component `FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX`; with Patient's
 *   Birth Name (0010,1005) the latter's family name is the birth name and Patient's Name's the used name.
 * - Given names: the given component, then the middle component's names.
 * - Birth date (0010,0030) as `YYYY-MM-DD`, sex (0010,0040) M, F, O.
 */
import { INS_SYSTEMS, canonicalSystem, type RecordIdentifier, type RecordTraits, type Sex } from '../patientTraits.ts';

/** A QIDO answer's data set: tag (8 hex digits) → element. */
export type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

export const TAG = {
  studyInstanceUid: '0020000D',
  studyDate: '00080020',
  patientName: '00100010',
  patientId: '00100020',
  issuerOfPatientId: '00100021',
  issuerQualifiers: '00100024',
  universalEntityId: '00400032',
  birthDate: '00100030',
  sex: '00100040',
  otherPatientIds: '00101002',
  birthName: '00101005',
} as const;

/** The attributes a harvest asks each study for (`includefield`), beyond those QIDO returns anyway. */
export const HARVEST_FIELDS = [TAG.issuerOfPatientId, TAG.issuerQualifiers, TAG.otherPatientIds, TAG.birthName, TAG.birthDate, TAG.sex];

export interface HarvestSite {
  id: string;
  /** The site's Issuer of Patient ID, as its archive writes it. */
  issuerOfPatientId: string;
  /** The site's identifier system in the manager. */
  patientIdSystem: string;
}

export type HarvestedStudy =
  | { ok: true; studyUid: string | null; studyDate: string | null; identifier: RecordIdentifier; traits: RecordTraits }
  | { ok: false; studyUid: string | null; studyDate: string | null; skipped: 'other-issuer' | 'no-patient-id' };

function first(dataset: DicomJson, tag: string): unknown {
  return dataset[tag]?.Value?.[0];
}

function text(dataset: DicomJson, tag: string): string | null {
  const value = first(dataset, tag);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const INS_OIDS = new Map(INS_SYSTEMS.map((system) => [system.replace(/^urn:oid:/, ''), system]));

/** An identifier's issuer: Issuer of Patient ID, or the Universal Entity ID of its qualifiers. */
function issuersOf(dataset: DicomJson): string[] {
  const issuers: string[] = [];
  const plain = text(dataset, TAG.issuerOfPatientId);
  if (plain) issuers.push(plain);
  const qualifiers = dataset[TAG.issuerQualifiers]?.Value ?? [];
  for (const item of qualifiers) {
    const universal = item && typeof item === 'object' ? text(item as DicomJson, TAG.universalEntityId) : null;
    if (universal) issuers.push(universal);
  }
  return issuers;
}

function insSystemOf(issuers: readonly string[]): string | undefined {
  for (const issuer of issuers) {
    const system = INS_OIDS.get(issuer.replace(/^urn:oid:/i, '').replace(/^&|&ISO$/gi, ''));
    if (system) return system;
  }
  return undefined;
}

function sameIssuer(issuers: readonly string[], site: HarvestSite): boolean {
  const wanted = [site.issuerOfPatientId.trim(), canonicalSystem(site.patientIdSystem), site.patientIdSystem.replace(/^urn:oid:/, '')];
  return issuers.some((issuer) => wanted.includes(issuer) || wanted.includes(canonicalSystem(issuer)));
}

/** Patient ID and its issuers, then each item of Other Patient IDs Sequence. */
function identifiersOf(dataset: DicomJson): { value: string; issuers: string[] }[] {
  const out: { value: string; issuers: string[] }[] = [];
  const id = text(dataset, TAG.patientId);
  if (id) out.push({ value: id, issuers: issuersOf(dataset) });
  for (const item of dataset[TAG.otherPatientIds]?.Value ?? []) {
    if (!item || typeof item !== 'object') continue;
    const other = item as DicomJson;
    const value = text(other, TAG.patientId);
    if (value) out.push({ value, issuers: issuersOf(other) });
  }
  return out;
}

function personName(dataset: DicomJson, tag: string): { family: string | null; given: string[] } | null {
  const value = first(dataset, tag);
  const alphabetic = value && typeof value === 'object' ? (value as { Alphabetic?: unknown }).Alphabetic : undefined;
  if (typeof alphabetic !== 'string' || alphabetic.trim() === '') return null;
  const [family = '', given = '', middle = ''] = alphabetic.split('^');
  const givenNames = [given.trim(), ...middle.split(/[ ,]+/).map((name) => name.trim())].filter((name) => name !== '');
  return { family: family.trim() || null, given: givenNames };
}

function birthDate(dataset: DicomJson): string | null {
  const value = text(dataset, TAG.birthDate);
  const match = value ? /^(\d{4})(\d{2})?(\d{2})?$/.exec(value) : null;
  if (!match) return null;
  return [match[1], match[2], match[2] ? match[3] : undefined].filter(Boolean).join('-');
}

const SEX: Record<string, Sex> = { M: 'male', F: 'female', O: 'other' };

/** The site's patient as this study tells it, or why it is left out. */
export function harvestedPatient(dataset: DicomJson, site: HarvestSite): HarvestedStudy {
  const studyUid = text(dataset, TAG.studyInstanceUid);
  const studyDate = text(dataset, TAG.studyDate);
  const identifiers = identifiersOf(dataset);
  if (identifiers.length === 0) return { ok: false, studyUid, studyDate, skipped: 'no-patient-id' };
  const local = identifiers.find((identifier, index) => (index === 0 && identifier.issuers.length === 0) || sameIssuer(identifier.issuers, site));
  // Orthanc merges patients sharing a Patient ID whatever their issuer: a study of another domain is left out here.
  if (!local || insSystemOf(local.issuers)) return { ok: false, studyUid, studyDate, skipped: 'other-issuer' };
  const insIdentifier = identifiers.find((identifier) => insSystemOf(identifier.issuers) !== undefined);
  const ins = insIdentifier ? { system: insSystemOf(insIdentifier.issuers) as string, value: insIdentifier.value } : null;

  const name = personName(dataset, TAG.patientName);
  const birth = personName(dataset, TAG.birthName);
  const birthName = birth?.family ?? name?.family ?? null;
  const usedName = birth?.family && name?.family && name.family.toUpperCase() !== birth.family.toUpperCase() ? name.family : null;
  const sexCode = text(dataset, TAG.sex)?.toUpperCase();
  return {
    ok: true,
    studyUid,
    studyDate,
    identifier: { system: canonicalSystem(site.patientIdSystem), value: local.value },
    traits: {
      birthName,
      usedName,
      givenNames: name?.given.length ? name.given : (birth?.given ?? []),
      birthDate: birthDate(dataset),
      sex: sexCode ? (SEX[sexCode] ?? 'unknown') : null,
      ins,
    },
  };
}
