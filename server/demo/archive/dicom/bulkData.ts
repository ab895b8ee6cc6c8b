/**
 * Bulk data (PS3.18 §8.6.2.1, §F.2.6): binary values above a size threshold are left out of the metadata and
 * referenced by a BulkDataURI instead. At indexing, their values are taken out of the in-memory data set: a
 * top-level value is then read from the file by its byte range, a value nested in a sequence is kept in memory.
 *
 * A bulk value is addressed by its path: the tag for a top-level element, `SEQTAG/ITEM/TAG` (item from 0) inside
 * sequences, e.g. `00880200/0/7FE00010` for an icon image's pixel data.
 */
import type { DcmjsDataset } from './dcmjsApi.ts';
import { BINARY_VRS } from './datasetValues.ts';
import type { ElementLocation } from './scanPart10.ts';

/** Binary values longer than this many bytes are bulk data; shorter ones are sent inline (PS3.18 §F.2.7). */
export const BULK_DATA_THRESHOLD = 1024;

export const PIXEL_DATA_TAG = '7FE00010';

export type BulkSource =
  | { kind: 'file'; offset: number; length: number }
  | { kind: 'memory'; bytes: Uint8Array }
  /** The Pixel Data element itself, served frame by frame. */
  | { kind: 'pixelData' };

function byteValue(value: unknown): Uint8Array | undefined {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** Takes the bulk values out of `dataset` (in place) and returns where each one is now to be found. */
export function extractBulkData(dataset: DcmjsDataset, topLevel: ReadonlyMap<string, ElementLocation>): Map<string, BulkSource> {
  const bulk = new Map<string, BulkSource>();
  const visit = (current: DcmjsDataset, prefix: string) => {
    for (const [tag, element] of Object.entries(current)) {
      const path = prefix + tag;
      if (element.vr === 'SQ') {
        (element.Value ?? []).forEach((item, index) => {
          if (item && typeof item === 'object') visit(item as DcmjsDataset, `${path}/${index}/`);
        });
        continue;
      }
      if (!BINARY_VRS.has(element.vr)) continue;
      const parts = (element.Value ?? []).map(byteValue);
      const size = parts.reduce((sum, part) => sum + (part?.byteLength ?? 0), 0);
      if (size <= BULK_DATA_THRESHOLD || parts.some((part) => part === undefined)) continue;
      const location = prefix === '' ? topLevel.get(tag) : undefined;
      if (location && location.length === size) {
        bulk.set(path, { kind: 'file', offset: location.valueOffset, length: size });
      } else {
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const part of parts) {
          if (!part) continue;
          bytes.set(part, at);
          at += part.byteLength;
        }
        bulk.set(path, { kind: 'memory', bytes });
      }
      delete element.Value;
      delete element._rawValue;
    }
  };
  visit(dataset, '');
  return bulk;
}
