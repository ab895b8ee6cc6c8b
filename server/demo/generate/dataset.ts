/**
 * A data set as a plain object keyed by keyword, and the encoding of each value to bytes (PS3.5 §6.2).
 * Text is encoded in ISO 8859-1 (Specific Character Set "ISO_IR 100", PS3.5 §6.1.2.5), so every file this
 * generator writes declares that character set.
 */
import { dictionary, type Keyword, type Vr } from './dicomDictionary.ts';

/** Items of a sequence (SQ). */
export type SequenceItems = readonly Dataset[];

/** Compressed frames, written as encapsulated pixel data, one fragment per frame (PS3.5 §A.4). */
export class EncapsulatedFrames {
  constructor(readonly frames: readonly Uint8Array[]) {}
}

/**
 * A value: text or numbers (one or many), bytes for OB/OW, items for SQ, encapsulated frames for Pixel Data,
 * or `null` for a present but empty (zero-length) element, as Type 2 attributes require (PS3.5 §7.4).
 */
export type DicomValue = string | number | readonly (string | number)[] | Uint8Array | SequenceItems | EncapsulatedFrames | null;

export type Dataset = { readonly [K in Keyword]?: DicomValue };

/** The specific character set every generated file declares (PS3.3 §C.12.1.1.2). */
export const specificCharacterSet = 'ISO_IR 100';

/** ISO 8859-1 bytes of `text`; throws on a character outside Latin-1. */
export function encodeLatin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new Error(`character U+${code.toString(16)} is not in ISO 8859-1: ${text}`);
    bytes[i] = code;
  }
  return bytes;
}

/** A Decimal String value of at most 16 characters (PS3.5 §6.2, DS). */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`DS value must be finite: ${value}`);
  const plain = String(value === 0 ? 0 : value);
  if (plain.length <= 16) return plain;
  for (let digits = 14; digits > 0; digits--) {
    const shortened = String(Number(value.toPrecision(digits)));
    if (shortened.length <= 16) return shortened;
  }
  throw new Error(`cannot format ${value} as DS`);
}

function textOf(vr: Vr, value: string | number): string {
  if (typeof value === 'string') return value;
  if (vr === 'DS') return formatDecimal(value);
  if (vr === 'IS') {
    if (!Number.isInteger(value)) throw new Error(`IS value must be an integer: ${value}`);
    return String(value);
  }
  throw new Error(`numeric value ${value} given for VR ${vr}`);
}

function padToEven(bytes: Uint8Array, padByte: number): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = padByte;
  return padded;
}

function encodeBinary(vr: Vr, values: readonly (string | number)[], littleEndian: boolean): Uint8Array {
  const size = vr === 'US' || vr === 'SS' ? 2 : 4;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  values.forEach((raw, index) => {
    if (typeof raw !== 'number') throw new Error(`VR ${vr} needs numbers`);
    if (vr === 'US') view.setUint16(index * 2, raw, littleEndian);
    else if (vr === 'SS') view.setInt16(index * 2, raw, littleEndian);
    else if (vr === 'UL') view.setUint32(index * 4, raw, littleEndian);
    else {
      // AT: the tag as group then element (PS3.5 §6.2, AT).
      view.setUint16(index * 4, raw >>> 16, littleEndian);
      view.setUint16(index * 4 + 2, raw & 0xffff, littleEndian);
    }
  });
  return bytes;
}

/** Bytes of 16-bit words swapped pairwise: little endian OW to big endian (PS3.5 §7.3). */
export function swapWordBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] ?? 0;
    out[i + 1] = bytes[i] ?? 0;
  }
  return out;
}

/**
 * The even-length value bytes of a non-sequence element. Binary values are little endian unless `littleEndian`
 * is false (Explicit VR Big Endian, PS3.5 §7.3): OW values are given little endian and swapped then.
 */
export function encodeValue(keyword: Keyword, value: Exclude<DicomValue, SequenceItems | EncapsulatedFrames>, littleEndian = true): Uint8Array {
  const { vr } = dictionary[keyword];
  if (value === null) return new Uint8Array(0);
  if (value instanceof Uint8Array) {
    if (vr !== 'OB' && vr !== 'OW') throw new Error(`${keyword}: bytes given for VR ${vr}`);
    const even = padToEven(value, 0);
    return vr === 'OW' && !littleEndian ? swapWordBytes(even) : even;
  }
  const values = Array.isArray(value) ? (value as readonly (string | number)[]) : [value as string | number];
  if (vr === 'US' || vr === 'SS' || vr === 'UL' || vr === 'AT') return encodeBinary(vr, values, littleEndian);
  if (vr === 'OB' || vr === 'OW' || vr === 'SQ') throw new Error(`${keyword}: VR ${vr} needs bytes or items`);
  const text = values.map((item) => textOf(vr, item)).join('\\');
  if (text.includes('\\') && (vr === 'LT' || vr === 'ST' || vr === 'UT')) throw new Error(`${keyword}: ${vr} is single-valued`);
  return padToEven(encodeLatin1(text), vr === 'UI' ? 0 : 0x20);
}
