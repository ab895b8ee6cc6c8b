/**
 * Which series of a study the viewer opens first, from the QIDO-RS series search result (PS3.18 §10.6):
 * an image series, never a report, document, presentation state or key object selection.
 */
import { numberValue, stringValue } from '../dicom/dicomJson.ts';
import { asSeriesUid, type SeriesUid } from '../dicom/identifiers.ts';

/** What the viewer needs to know about one series before retrieving its metadata. */
export interface SeriesSummary {
  seriesUid: SeriesUid;
  modality: string;
  description: string;
  number: number | undefined;
  instanceCount: number;
  /** Body Part Examined (0018,0015), when the archive returns it. */
  bodyPartExamined?: string;
  /** Slice Thickness (0018,0050) in mm, when the archive returns it. */
  sliceThicknessMm?: number;
  /** Laterality (0020,0060), when the archive returns it. */
  laterality?: string;
}

/** Modalities whose instances are not images a stack viewport can display (PS3.3 §C.7.3.1.1.1). */
const NON_IMAGE_MODALITIES = new Set(['SR', 'DOC', 'PR', 'KO', 'RTSTRUCT', 'RTPLAN', 'RTRECORD', 'REG', 'ECG']);
/** Images that annotate others (a segmentation's binary frames): shown as a stack, opened first only when alone. */
const DERIVED_MODALITIES = new Set(['SEG']);
/** Cross-sectional modalities, preferred for the first display. */
const PREFERRED_MODALITIES = new Set(['CT', 'MR', 'PT', 'NM']);

/** The series of a QIDO-RS answer, malformed entries left out. */
export function seriesSummaries(qidoSeries: unknown): SeriesSummary[] {
  if (!Array.isArray(qidoSeries)) return [];
  return qidoSeries.flatMap((dataset): SeriesSummary[] => {
    const seriesUid = asSeriesUid(stringValue(dataset, '0020000E'), 'archive');
    if (seriesUid === undefined) return [];
    const bodyPartExamined = stringValue(dataset, '00180015');
    const sliceThicknessMm = numberValue(dataset, '00180050');
    const laterality = stringValue(dataset, '00200060');
    return [
      {
        seriesUid,
        modality: (stringValue(dataset, '00080060') ?? '').toUpperCase(),
        description: stringValue(dataset, '0008103E') ?? '',
        number: numberValue(dataset, '00200011'),
        instanceCount: Math.max(0, Math.trunc(numberValue(dataset, '00201209') ?? 0)),
        ...(bodyPartExamined ? { bodyPartExamined: bodyPartExamined.toUpperCase() } : {}),
        ...(sliceThicknessMm !== undefined && sliceThicknessMm > 0 ? { sliceThicknessMm } : {}),
        ...(laterality ? { laterality: laterality.toUpperCase() } : {}),
      },
    ];
  });
}

/** Whether a series holds images (its modality is not one of the non-image modalities). */
export function isImageSeries(series: SeriesSummary): boolean {
  return !NON_IMAGE_MODALITIES.has(series.modality);
}

/**
 * The series to open first: the CT, MR, PET or NM series with most instances; failing one, the first image
 * series by Series Number (a segmentation only when the study has nothing else); `undefined` when the study has no
 * image series.
 */
export function firstImageSeries(series: readonly SeriesSummary[]): SeriesSummary | undefined {
  const all = series.filter(isImageSeries);
  const primary = all.filter((candidate) => !DERIVED_MODALITIES.has(candidate.modality));
  const images = primary.length > 0 ? primary : all;
  const bySeriesNumber = [...images].sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER));
  const crossSectional = bySeriesNumber.filter((candidate) => PREFERRED_MODALITIES.has(candidate.modality));
  if (crossSectional.length > 0) {
    return crossSectional.reduce((best, candidate) => (candidate.instanceCount > best.instanceCount ? candidate : best));
  }
  return bySeriesNumber[0];
}
