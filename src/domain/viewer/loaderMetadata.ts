/**
 * An instance's WADO-RS metadata as the image loader is given it: real files miss attributes that the Image Pixel
 * module and the General Series module require (PS3.3 §C.7.6.3, §C.7.3.1), and the loader's metadata provider
 * throws on some of them (a missing Modality: `modality.includes('NM')`). Each missing one gets the value the
 * standard implies, so that the slice decodes, or says why it cannot, instead of breaking the page; attributes the
 * file has are never changed.
 */
import { numberValue, stringValue, type DicomJsonDataset } from '../dicom/dicomJson.ts';

type Defaults = Record<string, { vr: string; Value: (string | number)[] }>;

/** The attributes a missing value of which the loader cannot do without, and the value the standard implies. */
function impliedAttributes(instance: DicomJsonDataset): Defaults {
  const implied: Defaults = {};
  // General Series (0008,0060) is type 1; "OT" is the standard's Other.
  if (!stringValue(instance, '00080060')) implied['00080060'] = { vr: 'CS', Value: ['OT'] };
  const samples = numberValue(instance, '00280002');
  if (samples === undefined) implied['00280002'] = { vr: 'US', Value: [1] };
  if (!stringValue(instance, '00280004')) implied['00280004'] = { vr: 'CS', Value: [(samples ?? 1) === 3 ? 'RGB' : 'MONOCHROME2'] };
  const allocated = numberValue(instance, '00280100');
  const stored = numberValue(instance, '00280101');
  if (stored === undefined && allocated !== undefined) implied['00280101'] = { vr: 'US', Value: [allocated] };
  if (numberValue(instance, '00280102') === undefined && (stored ?? allocated) !== undefined) implied['00280102'] = { vr: 'US', Value: [(stored ?? allocated ?? 1) - 1] };
  if (numberValue(instance, '00280103') === undefined) implied['00280103'] = { vr: 'US', Value: [0] };
  return implied;
}

/** `instance` with what the loader needs filled in; the same object when nothing is missing. */
export function loaderMetadata(instance: DicomJsonDataset): DicomJsonDataset {
  const implied = impliedAttributes(instance);
  return Object.keys(implied).length === 0 ? instance : { ...instance, ...implied };
}
