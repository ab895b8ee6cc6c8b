/**
 * Palette Color Lookup Table Data (0028,1201–1203, PS3.3 §C.7.6.3.1.6) of a PALETTE COLOR image as the image
 * loader reads it from WADO-RS metadata: a list of numbers in `Value`. Archives send these OW attributes as
 * `InlineBinary` or behind a `BulkDataURI` (PS3.18 §F.2.6–7) instead, and the image then shows black; this reads
 * them into values once their bytes are known.
 */
import { attributeOf, numberValues, stringValue, type DicomJsonDataset } from '../dicom/dicomJson.ts';
import { decodeBase64 } from '../reports/encapsulatedDocument.ts';

const PALETTE = [
  { data: '00281201', descriptor: '00281101' },
  { data: '00281202', descriptor: '00281102' },
  { data: '00281203', descriptor: '00281103' },
] as const;

/** Where the bytes of one table are, when the metadata does not hold its values. */
export type LutBytesSource = { tag: string; kind: 'inline'; bytes: Uint8Array } | { tag: string; kind: 'bulk'; uri: string };

export function isPaletteColor(instance: DicomJsonDataset): boolean {
  return stringValue(instance, '00280004')?.trim() === 'PALETTE COLOR';
}

/** The tables of a PALETTE COLOR instance whose values are not in the metadata, and where their bytes are. */
export function missingLutSources(instance: DicomJsonDataset): LutBytesSource[] {
  if (!isPaletteColor(instance)) return [];
  return PALETTE.flatMap(({ data }): LutBytesSource[] => {
    const attribute = attributeOf(instance, data);
    if (!attribute || Array.isArray(attribute.Value)) return [];
    if (typeof attribute.InlineBinary === 'string') {
      const bytes = decodeBase64(attribute.InlineBinary);
      return bytes ? [{ tag: data, kind: 'inline' as const, bytes }] : [];
    }
    return typeof attribute.BulkDataURI === 'string' ? [{ tag: data, kind: 'bulk' as const, uri: attribute.BulkDataURI }] : [];
  });
}

/**
 * The entries of a table from its bytes: 16-bit little-endian words when the data holds two bytes per entry
 * (the usual case, also for 8-bit entries stored one per word), one byte per entry otherwise.
 */
export function lutEntries(bytes: Uint8Array, entryCount: number): number[] {
  const count = entryCount === 0 ? 65536 : entryCount;
  if (bytes.length >= count * 2) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return Array.from({ length: count }, (_, index) => view.getUint16(index * 2, true));
  }
  return Array.from(bytes.subarray(0, count));
}

/** The instance with the tables' values filled in from their bytes (`tag` → bytes); other attributes untouched. */
export function withLutValues(instance: DicomJsonDataset, tables: ReadonlyMap<string, Uint8Array>): DicomJsonDataset {
  const filled: Record<string, unknown> = { ...instance };
  for (const { data, descriptor } of PALETTE) {
    const bytes = tables.get(data);
    const entryCount = numberValues(instance, descriptor)[0];
    if (!bytes || entryCount === undefined) continue;
    filled[data] = { vr: attributeOf(instance, data)?.vr ?? 'OW', Value: lutEntries(bytes, entryCount) };
  }
  return filled as DicomJsonDataset;
}
