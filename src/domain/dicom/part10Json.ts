/**
 * The DICOM JSON model (PS3.18 §F.2) of a data set parsed from a Part 10 file in explicit VR little endian: what
 * an archive's WADO-RS metadata answer gives for the same instance, read from the instance itself, so that one
 * retrieval of the stored instance (PS3.18 §10.4.1.1.1) serves both its metadata and its pixel data. Pixel Data is
 * left out (the frames are read from the file itself); other binary values small enough to be colour tables are
 * kept as InlineBinary. A data set without VRs (implicit VR, PS3.5 §7.1.3) cannot be converted without a data
 * dictionary: `undefined`. Pure: bytes and offsets in, plain objects out.
 */
import type { DicomJsonAttribute, DicomJsonDataset } from './dicomJson.ts';

/** One element as a Part 10 parser (dicom-parser) describes it: its VR, where its value lies, its items. */
export interface ParsedElement {
  tag: string;
  vr?: string;
  length: number;
  dataOffset: number;
  items?: readonly { dataSet?: ParsedDataSet }[];
}

/** A parsed data set: its elements keyed `xggggeeee`, over the bytes they point into. */
export interface ParsedDataSet {
  byteArray: Uint8Array;
  elements: Readonly<Record<string, ParsedElement>>;
}

/** Binary values larger than this are left out (a colour table is at most 65,536 entries of 2 bytes). */
export const MAX_INLINE_BINARY_BYTES = 2 * 65536;

const STRING_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DT', 'LO', 'SH', 'TM', 'UC', 'UI']);
/** Text VRs whose value is one string, backslashes included (PS3.5 §6.2). */
const TEXT_VRS = new Set(['LT', 'ST', 'UT', 'UR']);
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const PIXEL_DATA = 'x7fe00010';

interface Reading {
  decoder: TextDecoder;
}

function text(dataSet: ParsedDataSet, element: ParsedElement, reading: Reading): string {
  const bytes = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  return reading.decoder.decode(bytes);
}

/** A value's padding (trailing spaces and NULs, leading spaces where the VR allows them) removed. */
function trimmed(value: string): string {
  return value.replace(/[\s\0]+$/, '').replace(/^ +/, '');
}

function numbers(dataSet: ParsedDataSet, element: ParsedElement, size: number, read: (view: DataView, at: number) => number): number[] {
  const view = new DataView(dataSet.byteArray.buffer, dataSet.byteArray.byteOffset + element.dataOffset, element.length);
  const values: number[] = [];
  for (let at = 0; at + size <= element.length; at += size) values.push(read(view, at));
  return values;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function personName(value: string): Record<string, string> {
  const [alphabetic, ideographic, phonetic] = value.split('=');
  return {
    ...(alphabetic ? { Alphabetic: alphabetic } : {}),
    ...(ideographic ? { Ideographic: ideographic } : {}),
    ...(phonetic ? { Phonetic: phonetic } : {}),
  };
}

function decimal(value: string): number | null {
  const number = Number(value.trim());
  return value.trim() === '' || !Number.isFinite(number) ? null : number;
}

/** The DICOM JSON attribute of `element`, or `undefined` when it is left out (no VR, Pixel Data, large binary). */
function attribute(dataSet: ParsedDataSet, element: ParsedElement, reading: Reading): DicomJsonAttribute | undefined | null {
  const { vr } = element;
  if (!vr) return null;
  if (element.length === 0 && vr !== 'SQ') return { vr };
  switch (vr) {
    case 'SQ': {
      const items: DicomJsonDataset[] = [];
      for (const item of element.items ?? []) {
        const converted = item.dataSet ? convert(item.dataSet, reading) : {};
        if (converted === null) return null;
        items.push(converted);
      }
      return items.length > 0 ? { vr, Value: items } : { vr };
    }
    case 'US':
      return { vr, Value: numbers(dataSet, element, 2, (view, at) => view.getUint16(at, true)) };
    case 'SS':
      return { vr, Value: numbers(dataSet, element, 2, (view, at) => view.getInt16(at, true)) };
    case 'UL':
      return { vr, Value: numbers(dataSet, element, 4, (view, at) => view.getUint32(at, true)) };
    case 'SL':
      return { vr, Value: numbers(dataSet, element, 4, (view, at) => view.getInt32(at, true)) };
    case 'FL':
      return { vr, Value: numbers(dataSet, element, 4, (view, at) => view.getFloat32(at, true)) };
    case 'FD':
      return { vr, Value: numbers(dataSet, element, 8, (view, at) => view.getFloat64(at, true)) };
    case 'SV':
      return { vr, Value: numbers(dataSet, element, 8, (view, at) => Number(view.getBigInt64(at, true))) };
    case 'UV':
      return { vr, Value: numbers(dataSet, element, 8, (view, at) => Number(view.getBigUint64(at, true))) };
    case 'AT':
      return { vr, Value: numbers(dataSet, element, 4, (view, at) => view.getUint16(at, true) * 0x10000 + view.getUint16(at + 2, true)).map((tag) => tag.toString(16).toUpperCase().padStart(8, '0')) };
    case 'DS':
    case 'IS':
      return { vr, Value: text(dataSet, element, reading).split('\\').map(decimal) };
    case 'PN':
      return { vr, Value: text(dataSet, element, reading).split('\\').map((value) => personName(trimmed(value))) };
    default:
      break;
  }
  if (TEXT_VRS.has(vr)) return { vr, Value: [text(dataSet, element, reading).replace(/[\s\0]+$/, '')] };
  if (STRING_VRS.has(vr)) return { vr, Value: text(dataSet, element, reading).split('\\').map(trimmed) };
  if (BINARY_VRS.has(vr)) {
    if (element.length > MAX_INLINE_BINARY_BYTES || element.dataOffset + element.length > dataSet.byteArray.length) return undefined;
    return { vr, InlineBinary: base64(dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length)) };
  }
  return undefined;
}

/** `null` when an element has no VR (implicit VR): the whole conversion gives up. */
function convert(dataSet: ParsedDataSet, reading: Reading): DicomJsonDataset | null {
  const converted: Record<string, DicomJsonAttribute> = {};
  for (const key of Object.keys(dataSet.elements).sort()) {
    const element = dataSet.elements[key] as ParsedElement;
    if (key === PIXEL_DATA || key.endsWith('0000')) continue;
    const value = attribute(dataSet, element, reading);
    if (value === null) return null;
    if (value) converted[key.slice(1).toUpperCase()] = value;
  }
  return converted;
}

/** Whether Specific Character Set (0008,0005) names UTF-8 (ISO_IR 192), the one multi-byte set read here. */
function isUtf8(dataSet: ParsedDataSet): boolean {
  const element = dataSet.elements.x00080005;
  if (!element || element.length === 0) return false;
  return new TextDecoder('latin1').decode(dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length)).includes('ISO_IR 192');
}

/**
 * The DICOM JSON of `dataSet` (explicit VR little endian, file meta information included), or `undefined` when it
 * has elements without a VR (implicit VR little endian).
 */
export function part10Json(dataSet: ParsedDataSet): DicomJsonDataset | undefined {
  return convert(dataSet, { decoder: new TextDecoder(isUtf8(dataSet) ? 'utf-8' : 'latin1') }) ?? undefined;
}
