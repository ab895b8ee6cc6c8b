/**
 * Native pixel data of a stored instance made ready for a decoder that reads little endian only: Explicit VR Big
 * Endian data swapped to little endian per Bits Allocated (PS3.5 §7.3, Annex A.3), RLE Lossless decoded
 * (PS3.5 Annex G) to the interleaved little endian stream; and the signedness a JPEG 2000 codestream declares
 * for its samples (ISO/IEC 15444-1 §A.5.1, SIZ marker `Ssiz`), which real files contradict in Pixel Representation.
 */
import { decodeRle } from './rleDecoder.ts';
import { EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './storedSyntax.ts';

export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/** `bytes` with each `bytesPerValue`-byte value reversed (a copy). */
export function swapBytes(bytes: Uint8Array, bytesPerValue: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  if (bytesPerValue <= 1) {
    out.set(bytes);
    return out;
  }
  const whole = bytes.length - (bytes.length % bytesPerValue);
  for (let at = 0; at < whole; at += bytesPerValue) {
    for (let byte = 0; byte < bytesPerValue; byte += 1) out[at + byte] = bytes[at + bytesPerValue - 1 - byte] ?? 0;
  }
  out.set(bytes.subarray(whole), whole);
  return out;
}

export interface PixelLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  photometric?: string;
  bitsStored?: number;
}

/**
 * Interleaved little endian colour samples of more than 8 bits, as the 8 bits a display shows: each sample's
 * `bitsStored` most significant bits, scaled to 0–255 (the loader's colour conversion writes samples into 8-bit
 * RGBA as they are, clipping anything above 255).
 */
export function colourTo8Bits(samples: Uint8Array, bitsAllocated: number, bitsStored = bitsAllocated): Uint8Array {
  const bytes = bitsAllocated / 8;
  const count = Math.floor(samples.length / bytes);
  const out = new Uint8Array(count);
  const view = new DataView(samples.buffer, samples.byteOffset, samples.byteLength);
  const shift = Math.max(0, bitsStored - 8);
  for (let index = 0; index < count; index += 1) {
    const value = bytes === 2 ? view.getUint16(index * 2, true) : view.getUint32(index * 4, true);
    out[index] = Math.min(255, Math.floor(value / 2 ** shift));
  }
  return out;
}

const NATIVE = new Set([EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN]);

/** Whether frames in `syntax` are native (uncompressed) pixel data. */
export function isNativeSyntax(syntax: string): boolean {
  return NATIVE.has(syntax);
}

/**
 * Bytes one native frame takes once cut out of the data set (1-bit frames come unpacked, a byte a pixel;
 * YBR_FULL_422 holds two samples a pixel, PS3.3 §C.7.6.3.1.2).
 */
export function nativeFrameLength(layout: PixelLayout): number {
  const samples = layout.photometric === 'YBR_FULL_422' ? 2 : layout.samplesPerPixel;
  const bytesPerSample = layout.bitsAllocated === 1 ? 1 : layout.bitsAllocated / 8;
  return layout.rows * layout.columns * samples * bytesPerSample;
}

/** Native YBR_FULL_422 (Y1 Y2 Cb Cr per pair of pixels, PS3.3 §C.7.6.3.1.2) as YBR_FULL, three samples a pixel. */
export function expandYbr422(frame: Uint8Array, rows: number, columns: number): Uint8Array {
  const out = new Uint8Array(rows * columns * 3);
  let read = 0;
  let write = 0;
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 2) {
      const y1 = frame[read] ?? 0;
      const y2 = frame[read + 1] ?? 0;
      const cb = frame[read + 2] ?? 128;
      const cr = frame[read + 3] ?? 128;
      read += 4;
      out.set([y1, cb, cr], write);
      write += 3;
      if (column + 1 < columns) {
        out.set([y2, cb, cr], write);
        write += 3;
      }
    }
  }
  return out;
}

/**
 * The frame as the decoder should get it, and the syntax to decode it in: big endian becomes little endian, RLE
 * of more than 8 bits per colour sample or of 32 bits (which the image loader's RLE decoder gets wrong or refuses)
 * is decoded here; anything else is left as stored.
 */
export function frameForDecoder(
  frame: Uint8Array,
  syntax: string,
  layout: PixelLayout,
): { bytes: Uint8Array; syntax: string; interleaved?: true; photometric?: string; bitsAllocated?: number } {
  if (isNativeSyntax(syntax) && layout.photometric === 'YBR_FULL_422' && layout.bitsAllocated === 8) {
    return { bytes: expandYbr422(frame, layout.rows, layout.columns), syntax: EXPLICIT_VR_LITTLE_ENDIAN, interleaved: true, photometric: 'YBR_FULL' };
  }
  if (syntax === EXPLICIT_VR_BIG_ENDIAN) {
    return { bytes: layout.bitsAllocated > 8 ? swapBytes(frame, layout.bitsAllocated / 8) : frame, syntax: EXPLICIT_VR_LITTLE_ENDIAN };
  }
  if (syntax === RLE_LOSSLESS && needsOwnRleDecoder(layout)) {
    const decoded = decodeRle(frame, layout.rows * layout.columns, layout.samplesPerPixel, layout.bitsAllocated);
    if (layout.samplesPerPixel > 1) {
      return { bytes: colourTo8Bits(decoded, layout.bitsAllocated, layout.bitsStored), syntax: EXPLICIT_VR_LITTLE_ENDIAN, interleaved: true, bitsAllocated: 8 };
    }
    return { bytes: decoded, syntax: EXPLICIT_VR_LITTLE_ENDIAN, interleaved: true };
  }
  return { bytes: frame, syntax };
}

/** RLE frames the image loader's decoder cannot decode right: 32-bit samples, or colour of more than 8 bits. */
export function needsOwnRleDecoder(layout: Pick<PixelLayout, 'samplesPerPixel' | 'bitsAllocated'>): boolean {
  return layout.bitsAllocated > 16 || (layout.samplesPerPixel > 1 && layout.bitsAllocated > 8);
}

/**
 * Whether the first component of a JPEG 2000 codestream (raw, or inside a JP2 file) is signed; `undefined` when
 * its SIZ marker segment is not found in the first bytes.
 */
export function jpeg2000SignedSamples(bytes: Uint8Array): boolean | undefined {
  const limit = Math.min(bytes.length - 41, 4096);
  for (let at = 0; at < limit; at += 1) {
    // SOC (FF 4F) immediately followed by SIZ (FF 51).
    if (bytes[at] === 0xff && bytes[at + 1] === 0x4f && bytes[at + 2] === 0xff && bytes[at + 3] === 0x51) {
      const ssiz = bytes[at + 2 + 40];
      return ssiz === undefined ? undefined : (ssiz & 0x80) !== 0;
    }
  }
  return undefined;
}

/**
 * Reads samples that hold two's complement values in their low `bitsStored` bits as signed (PS3.5 §8.1.1): a
 * JPEG 2000 codestream that says its samples are unsigned while Pixel Representation says signed hands them over
 * as 0 … 2^bitsStored − 1. Changes `samples` in place; returns their new range.
 */
export function signExtend(samples: Int16Array | Int32Array | Float32Array, bitsStored: number, rescale = { slope: 1, intercept: 0 }): { min: number; max: number } {
  const shift = 32 - Math.min(32, Math.max(1, bitsStored));
  const slope = rescale.slope || 1;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < samples.length; index += 1) {
    // A decoder that applied the modality rescale already (floating point samples) is undone, then redone.
    const stored = Math.round(((samples[index] ?? 0) - rescale.intercept) / slope);
    const value = ((stored << shift) >> shift) * slope + rescale.intercept;
    samples[index] = value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}
