/**
 * A worklist study as a board item: the identity its own site records (Patient module, PS3.3 §C.7.1.1) and the
 * study's date, description and modalities, as display strings.
 */
import { toDicomDateString } from '../dicom/dicomDate.ts';
import type { PatientKey } from '../dicom/patientKey.ts';
import { formatPersonName } from '../dicom/personNameDisplay.ts';
import type { StudySummary } from '../federation/studySummary.ts';
import type { BoardItem } from './boardSession.ts';

const clip = (text: string | undefined, max: number) => (text ?? '').slice(0, max);

/** The board item of `study`, found in the patient group `patientKey`, held by the site named `siteName`. */
export function boardItemOf(study: StudySummary, patientKey: PatientKey, siteName: string): BoardItem {
  return {
    siteId: study.siteId,
    studyUid: study.studyUid,
    patient: {
      key: patientKey,
      name: clip(formatPersonName(study.patientName), 512),
      birthDate: study.patientBirthDate ? toDicomDateString(study.patientBirthDate) : '',
      sex: clip(study.patientSex, 16),
      siteName: clip(siteName, 256),
      patientId: clip(study.patientId, 64),
      issuerOfPatientId: clip(study.issuerOfPatientId, 64),
    },
    studyDate: study.studyDate ? toDicomDateString(study.studyDate) : '',
    description: clip(study.description, 512),
    modalities: study.modalities.slice(0, 32).map((modality) => modality.slice(0, 16)),
  };
}
