/**
 * The check that makes a patient banner trustworthy: the images shown must carry the Patient ID (0010,0020) and
 * Issuer of Patient ID (0010,0021) of the board item they are shown under, in every instance's metadata
 * (WADO-RS, PS3.18 §10.4.1.1.2). With good data this always holds; when it does not, the images are withheld.
 */
import { stringValue } from '../dicom/dicomJson.ts';
import { DICOM_TAGS as T } from '../dicom/tags.ts';
import type { BoardPatient } from './boardSession.ts';

/** The first identity found in the series that differs from the item's, or `undefined` when all match. */
export interface IdentityMismatch {
  patientId: string;
  issuerOfPatientId: string;
}

/**
 * `undefined` when every instance carries the item's Patient ID and Issuer of Patient ID (an absent issuer
 * matches an empty one); otherwise the first differing identity. An empty series is a mismatch: nothing vouches
 * for it.
 */
export function seriesIdentityMismatch(patient: Pick<BoardPatient, 'patientId' | 'issuerOfPatientId'>, instances: readonly unknown[]): IdentityMismatch | undefined {
  if (instances.length === 0) return { patientId: '', issuerOfPatientId: '' };
  for (const instance of instances) {
    const patientId = stringValue(instance, T.PatientID) ?? '';
    const issuerOfPatientId = stringValue(instance, T.IssuerOfPatientID) ?? '';
    if (patientId !== patient.patientId || issuerOfPatientId !== patient.issuerOfPatientId) return { patientId, issuerOfPatientId };
  }
  return undefined;
}
