/** Which instance stands for a series in the series browser, from a QIDO-RS instance search (PS3.18 §10.6). */
import { numberValue, stringValue } from '../dicom/dicomJson.ts';
import { asSopInstanceUid } from '../dicom/identifiers.ts';

/** The SOP Instance UID of the middle instance by Instance Number (0020,0013), or `undefined`. */
export function middleInstanceUid(qidoInstances: unknown): string | undefined {
  if (!Array.isArray(qidoInstances)) return undefined;
  const instances = qidoInstances
    .map((dataset, index) => ({ uid: asSopInstanceUid(stringValue(dataset, '00080018'), 'archive'), number: numberValue(dataset, '00200013') ?? index }))
    .filter((entry): entry is { uid: NonNullable<typeof entry.uid>; number: number } => entry.uid !== undefined)
    .sort((a, b) => a.number - b.number);
  return instances[Math.floor((instances.length - 1) / 2)]?.uid;
}
