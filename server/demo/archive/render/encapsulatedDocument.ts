/**
 * Encapsulated documents (PS3.3 §C.24.2 Encapsulated Document Module): the document bytes of Encapsulated Document
 * (0042,0011) and their MIME Type of Encapsulated Document (0042,0012), which is what such an instance renders as
 * (PS3.18 §8.7.4, e.g. application/pdf).
 */
import type { InstanceRecord } from '../dicom/indexPart10File.ts';
import { firstString } from '../dicom/datasetValues.ts';
import type { FileHandlePool } from '../store/fileHandlePool.ts';

const ENCAPSULATED_DOCUMENT = '00420011';

export interface EncapsulatedDocument {
  mediaType: string;
  read(files: FileHandlePool): Promise<Buffer>;
}

export function readEncapsulatedDocument(instance: InstanceRecord): EncapsulatedDocument | undefined {
  const element = instance.dataset[ENCAPSULATED_DOCUMENT];
  if (!element) return undefined;
  const mediaType = (firstString(instance.dataset, '00420012') ?? 'application/octet-stream').trim().toLowerCase();
  const source = instance.bulk.get(ENCAPSULATED_DOCUMENT);
  if (source?.kind === 'file') return { mediaType, read: (files) => files.read(instance.file, [source]) };
  if (source?.kind === 'memory') return { mediaType, read: async () => Buffer.from(source.bytes) };
  const inline = element.Value?.[0];
  const bytes = inline instanceof ArrayBuffer ? Buffer.from(inline) : Buffer.alloc(0);
  return { mediaType, read: async () => bytes };
}
