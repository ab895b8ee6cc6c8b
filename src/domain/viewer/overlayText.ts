/** The demographic and study lines a viewport's overlay shows, read from one instance's metadata. */
import { personName, stringValue } from '../dicom/dicomJson.ts';
import { formatDicomDateText } from '../dicom/dicomDate.ts';
import { formatPersonName } from '../dicom/personNameDisplay.ts';

export interface OverlayText {
  patientName: string;
  patientId: string;
  studyDate: string;
  studyDescription: string;
  seriesDescription: string;
  modality: string;
}

/** Overlay lines of an instance (untrusted text: render it as text), dates in `locale`. */
export function overlayText(instance: unknown, locale: string): OverlayText {
  return {
    patientName: formatPersonName(personName(instance, '00100010')),
    patientId: stringValue(instance, '00100020') ?? '',
    studyDate: formatDicomDateText(stringValue(instance, '00080020'), locale),
    studyDescription: stringValue(instance, '00081030') ?? '',
    seriesDescription: stringValue(instance, '0008103E') ?? '',
    modality: stringValue(instance, '00080060') ?? '',
  };
}
