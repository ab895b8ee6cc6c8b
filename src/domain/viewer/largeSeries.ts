/**
 * Opening a series too large to ask for its metadata in one answer (thousands of instances: tens of MB, which an
 * archive such as Orthanc 1.10 builds by reading every file). The first image comes from the ends of the Instance
 * Number range, found by QIDO-RS attribute matching (PS3.18 §8.3.4.1); the display order from a QIDO-RS search of
 * the series' instances with the attributes ordering needs (§10.6, `includefield`); each instance's full metadata is
 * read with its image, from its stored instance (§10.4.1.1.1), near the displayed slice first. Pure: URLs and datasets.
 */
import type { DicomJsonAttribute, DicomJsonDataset } from '../dicom/dicomJson.ts';

/** Series with more instances than this are opened incrementally; smaller ones take their series metadata at once. */
export const LARGE_SERIES_INSTANCES = 500;

/** Whether a series of `instanceCount` instances (QIDO-RS Number of Series Related Instances) is opened incrementally. */
export function isLargeSeries(instanceCount: number | undefined): boolean {
  return instanceCount !== undefined && instanceCount > LARGE_SERIES_INSTANCES;
}

/** What display order needs of each instance: Instance Number, Image Position and Orientation (Patient), Number of Frames. */
export const STACK_ORDER_FIELDS = ['00200013', '00200032', '00200037', '00280008'] as const;

/** The QIDO-RS search of a series' instances with the ordering attributes, optionally matching one Instance Number. */
export function instanceSearchUrl(seriesPath: string, instanceNumber?: number): string {
  const fields = STACK_ORDER_FIELDS.map((tag) => `includefield=${tag}`).join('&');
  return `${seriesPath}/instances?${instanceNumber === undefined ? '' : `00200013=${instanceNumber}&`}${fields}`;
}

/** The Instance Numbers at the ends of a series of `instanceCount` numbered from 1, where its first slice usually lies. */
export function endInstanceNumbers(instanceCount: number): number[] {
  return instanceCount > 1 ? [1, instanceCount] : [1];
}

/**
 * The last value seen of each attribute across a series' instances. Slices of one series repeat most attributes
 * (patient, study, pixel module, rescale, windows): an attribute equal to the one before is kept once.
 */
export type AttributePool = Map<string, { text: string; attribute: DicomJsonAttribute }>;

/** `dataset` with each attribute equal to the pool's last value of it replaced by that value (shared, not copied). */
export function shareRepeatedAttributes(dataset: DicomJsonDataset, pool: AttributePool): DicomJsonDataset {
  const shared: Record<string, DicomJsonAttribute> = {};
  for (const [tag, attribute] of Object.entries(dataset)) {
    const text = JSON.stringify(attribute);
    const previous = pool.get(tag);
    if (previous && previous.text === text) {
      shared[tag] = previous.attribute;
    } else {
      pool.set(tag, { text, attribute });
      shared[tag] = attribute;
    }
  }
  return shared;
}
