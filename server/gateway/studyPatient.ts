/**
 * The patient of a study, as the archive itself holds it: Patient ID (0010,0020) and Issuer of Patient ID
 * (0010,0021) from a QIDO-RS study query (PS3.18 §10.6, answer in the DICOM JSON model of PS3.18 §F.2), the site's
 * `issuerOfPatientId` when the archive leaves the issuer out, and the site's `patientIdSystem` as FHIR system.
 * Pure: the query to send and the reading of its answer; the request is studyPatients.ts's.
 */

export interface StudyPatient {
  id: string;
  issuer: string;
  system: string;
}

export interface PatientSite {
  issuerOfPatientId: string;
  patientIdSystem: string;
}

/** The QIDO query (after the site's DICOMweb root) that asks one study's patient and nothing else. */
export function studyPatientQuery(studyUid: string): { path: string; query: string } {
  const query = new URLSearchParams([
    ['StudyInstanceUID', studyUid],
    ['includefield', '00100020'],
    ['includefield', '00100021'],
  ]);
  return { path: 'studies', query: query.toString() };
}

function firstString(item: unknown, tag: string): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const element = (item as Record<string, unknown>)[tag];
  if (typeof element !== 'object' || element === null) return undefined;
  const value = (element as { Value?: unknown }).Value;
  const first = Array.isArray(value) ? value[0] : undefined;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/**
 * The study's patient from the QIDO answer; `undefined` when the archive does not know the study or gives it no
 * Patient ID. Several matches (an archive that holds the study under two patients) give the first one's.
 */
export function studyPatientFrom(answer: unknown, site: PatientSite): StudyPatient | undefined {
  if (!Array.isArray(answer)) return undefined;
  for (const item of answer) {
    const id = firstString(item, '00100020');
    if (id !== undefined) return { id, issuer: firstString(item, '00100021') ?? site.issuerOfPatientId, system: site.patientIdSystem };
  }
  return undefined;
}
