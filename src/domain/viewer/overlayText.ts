/** The demographic and study lines a viewport's overlay shows, read from one instance's metadata. */
import { numberValue, personName, stringValue } from '../dicom/dicomJson.ts';
import { formatDicomDateText } from '../dicom/dicomDate.ts';
import { formatPersonName } from '../dicom/personNameDisplay.ts';

export interface OverlayText {
  patientName: string;
  patientId: string;
  studyDate: string;
  studyDescription: string;
  seriesDescription: string;
  modality: string;
  birthDate: string;
  /** Patient's Sex (0010,0040): M, F, O or empty. */
  sex: string;
  seriesNumber: string;
}

/** The lines that change from one image to the next. */
export interface ImageOverlayText {
  /** Slice Location (0020,1041), mm, as written. */
  sliceLocation: string;
  /** Slice Thickness (0018,0050), mm, as written. */
  sliceThickness: string;
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
    birthDate: formatDicomDateText(stringValue(instance, '00100030'), locale),
    sex: stringValue(instance, '00100040') ?? '',
    seriesNumber: stringValue(instance, '00200011') ?? '',
  };
}

const decimal = (value: number | undefined): string => (value === undefined ? '' : String(Math.round(value * 100) / 100));

/** Slice location and thickness of the displayed instance, `''` when absent. */
export function imageOverlayText(instance: unknown): ImageOverlayText {
  return { sliceLocation: decimal(numberValue(instance, '00201041')), sliceThickness: decimal(numberValue(instance, '00180050')) };
}
