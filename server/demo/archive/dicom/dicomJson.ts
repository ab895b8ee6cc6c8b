/**
 * Data sets in the DICOM JSON Model (PS3.18 Annex F): tags as keys in ascending order (§F.2.1.1), `vr` and
 * `Value` per element (§F.2.2), Person Name objects (§F.2.2), IS and DS as numbers (§F.2.3), AT as tag strings,
 * empty values as null, and binary values either inline in Base64 (§F.2.7) or referenced by BulkDataURI (§F.2.6).
 */
import type { DcmjsDataset, DcmjsElement } from './dcmjsApi.ts';
import { BINARY_VRS } from './datasetValues.ts';

export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}

export type DicomJson = Record<string, DicomJsonElement>;

export interface DicomJsonOptions {
  /** The BulkDataURI of the bulk value at `path` (see bulkData.ts); without it, bulk elements are left out. */
  bulkDataUri?: (path: string) => string;
  /** Paths of the bulk values taken out of the data set. */
  bulkPaths?: ReadonlySet<string> | ReadonlyMap<string, unknown>;
}

const NUMBER_STRING_VRS = new Set(['IS', 'DS']);

function personName(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? null : { Alphabetic: value };
  if (!value || typeof value !== 'object') return null;
  const out: Record<string, string> = {};
  for (const group of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
    const text = (value as Record<string, unknown>)[group];
    if (typeof text === 'string' && text !== '') out[group] = text;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function scalar(vr: string, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (NUMBER_STRING_VRS.has(vr) && typeof value === 'string') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  if (vr === 'AT' && typeof value === 'number') return value.toString(16).toUpperCase().padStart(8, '0');
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function binaryToBase64(values: readonly unknown[]): string | undefined {
  const parts: Buffer[] = [];
  for (const value of values) {
    if (value instanceof ArrayBuffer) parts.push(Buffer.from(value));
    else if (ArrayBuffer.isView(value)) parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    else return undefined;
  }
  return Buffer.concat(parts).toString('base64');
}

/** One element in the DICOM JSON Model, or undefined when it is bulk data and no BulkDataURI is wanted. */
export function toDicomJsonElement(element: DcmjsElement, path: string, options: DicomJsonOptions = {}): DicomJsonElement | undefined {
  const { vr } = element;
  if (options.bulkPaths?.has(path)) {
    return options.bulkDataUri ? { vr, BulkDataURI: options.bulkDataUri(path) } : undefined;
  }
  const raw = element.Value ?? [];
  if (element.BulkDataURI) return { vr, BulkDataURI: element.BulkDataURI };
  if (element.InlineBinary) return { vr, InlineBinary: element.InlineBinary };
  if (raw.length === 0) return { vr };
  if (vr === 'SQ') {
    return { vr, Value: raw.map((item, index) => toDicomJson((item ?? {}) as DcmjsDataset, options, `${path}/${index}/`)) };
  }
  if (BINARY_VRS.has(vr)) {
    const inline = binaryToBase64(raw);
    return inline === undefined ? { vr } : { vr, InlineBinary: inline };
  }
  if (vr === 'PN') return { vr, Value: raw.map(personName) };
  return { vr, Value: raw.map((value) => scalar(vr, value)) };
}

/** A data set in the DICOM JSON Model; `prefix` is the path of the enclosing item for nested data sets. */
export function toDicomJson(dataset: DcmjsDataset, options: DicomJsonOptions = {}, prefix = ''): DicomJson {
  const out: DicomJson = {};
  for (const tag of Object.keys(dataset).sort()) {
    const element = dataset[tag];
    if (!element) continue;
    const converted = toDicomJsonElement(element, prefix + tag, options);
    if (converted) out[tag] = converted;
  }
  return out;
}
