/**
 * A JPEG extended sequential encoder (ITU-T T.81 Annex F, SOF1: DCT-based, Huffman coding) for one 12-bit
 * component. DICOM stores it as JPEG Extended (Process 2 & 4) (1.2.840.10008.1.2.4.51, PS3.5 §8.2.1 and §A.4.1),
 * Process 4 being the 12-bit one.
 *
 * Samples are level-shifted by 2^(P−1) = 2048 (T.81 §A.3.1), each 8 × 8 block goes through the forward DCT of
 * T.81 §A.3.3 (computed in floating point) and is quantised with one table (T.81 §A.3.4): the luminance table of
 * T.81 Annex K.1 scaled by a quality factor the way the IJG library scales it, written with 16-bit entries
 * (Pq = 1, T.81 §B.2.4.1). Blocks past the right and bottom edges repeat the last column and row (T.81 §A.2.4).
 *
 * The Huffman tables are fixed and simple rather than optimal: 12-bit data needs DC difference categories 0–15 and
 * AC categories 1–14 (T.81 §F.1.2.1–F.1.2.2), more than the example tables of Annex K hold, so every DC category
 * gets a 5-bit code and every AC symbol (EOB, ZRL and run 0–15 × size 1–14) an 8-bit code (T.81 Annex C
 * restricts only the all-ones code).
 */

import { BitWriter, category, segment, writeValue } from './jpegBitStream.ts';

export interface JpegExtendedInput {
  /** Unsigned 12-bit samples, `rows × columns`. */
  samples: Uint16Array;
  columns: number;
  rows: number;
  /** 1–100, as the IJG library reads it: 50 keeps the Annex K table, 100 makes every entry 1. */
  quality: number;
}

const precision = 12;
const levelShift = 1 << (precision - 1);
const maxSample = (1 << precision) - 1;

/** Zig-zag order: the natural (row-major) index of the k-th coefficient (T.81 Figure A.6). */
export const zigZag: readonly number[] = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63,
];

/** T.81 Table K.1, the luminance quantisation table, in natural order. */
const annexKLuminance: readonly number[] = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99,
];

/** The quantisation table of a quality factor, natural order, entries 1–32767 (IJG's jcparam.c scaling). */
export function quantisationTable(quality: number): number[] {
  if (!(quality >= 1 && quality <= 100)) throw new Error(`quality ${quality} is not 1–100`);
  const scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  return annexKLuminance.map((entry) => Math.min(32767, Math.max(1, Math.floor((entry * scale + 50) / 100))));
}

/** A Huffman table where every symbol has a code of the same length: BITS and HUFFVAL (T.81 §B.2.4.2), and codes. */
interface FixedHuffman {
  bits: number[];
  values: number[];
  length: number;
  code: Map<number, number>;
}

function fixedHuffman(values: number[], length: number): FixedHuffman {
  // Codes 0, 1, 2… in HUFFVAL order (T.81 Annex C); fewer than 2^length, so never the all-ones code.
  if (values.length >= 1 << length) throw new Error('too many Huffman symbols for the code length');
  const bits = Array.from({ length: 16 }, (_, index) => (index === length - 1 ? values.length : 0));
  return { bits, values, length, code: new Map(values.map((value, index) => [value, index])) };
}

const dcTable = fixedHuffman(Array.from({ length: 16 }, (_, category) => category), 5);
const acTable = fixedHuffman([
  0x00, 0xf0,
  ...Array.from({ length: 16 * 14 }, (_, index) => (Math.floor(index / 14) << 4) | ((index % 14) + 1)),
], 8);

function writeSymbol(bits: BitWriter, table: FixedHuffman, symbol: number): void {
  const code = table.code.get(symbol);
  if (code === undefined) throw new Error(`no Huffman code for symbol 0x${symbol.toString(16)}`);
  bits.write(code, table.length);
}

/** cos((2x + 1)uπ/16) scaled by C(u)/2, so that the 2-D DCT is a product of two of these (T.81 §A.3.3). */
const dctBasis = Array.from({ length: 64 }, (_, index) => {
  const u = index >> 3;
  const x = index & 7;
  return ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

/** The forward DCT of one level-shifted block, natural order. */
function forwardDct(block: Float64Array): Float64Array {
  const rows = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += (dctBasis[u * 8 + x] ?? 0) * (block[y * 8 + x] ?? 0);
      rows[y * 8 + u] = sum;
    }
  }
  const out = new Float64Array(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) sum += (dctBasis[v * 8 + y] ?? 0) * (rows[y * 8 + u] ?? 0);
      out[v * 8 + u] = sum;
    }
  }
  return out;
}

/** The level-shifted block whose top left sample is (top, left), edges repeated past the image. */
function readBlock(input: JpegExtendedInput, top: number, left: number): Float64Array {
  const { samples, columns, rows } = input;
  const block = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    const row = Math.min(top + y, rows - 1);
    for (let x = 0; x < 8; x++) {
      const column = Math.min(left + x, columns - 1);
      block[y * 8 + x] = (samples[row * columns + column] ?? 0) - levelShift;
    }
  }
  return block;
}

/** Huffman-codes one block of quantised coefficients, zig-zag order (T.81 §F.1.2.1–F.1.2.2). */
function encodeBlock(bits: BitWriter, coefficients: Int32Array, previousDc: number): void {
  const difference = (coefficients[0] ?? 0) - previousDc;
  const dcSize = category(difference);
  writeSymbol(bits, dcTable, dcSize);
  if (dcSize > 0) writeValue(bits, difference, dcSize);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const value = coefficients[k] ?? 0;
    if (value === 0) {
      run++;
      continue;
    }
    for (; run > 15; run -= 16) writeSymbol(bits, acTable, 0xf0);
    const size = category(value);
    writeSymbol(bits, acTable, (run << 4) | size);
    writeValue(bits, value, size);
    run = 0;
  }
  if (run > 0) writeSymbol(bits, acTable, 0x00);
}

/** One frame as a JPEG extended 12-bit bitstream (SOI, DQT, SOF1, DHT, SOS, entropy-coded data, EOI). */
export function encodeJpegExtended12(input: JpegExtendedInput): Uint8Array {
  const { samples, columns, rows, quality } = input;
  if (samples.length !== columns * rows) throw new Error('sample count does not match rows × columns');
  if (columns < 1 || rows < 1 || columns > 0xffff || rows > 0xffff) throw new Error(`size ${columns} × ${rows} is not 1–65535`);
  if (samples.some((sample) => sample > maxSample)) throw new Error(`a sample is above ${maxSample}`);
  const table = quantisationTable(quality);
  const out: number[] = [0xff, 0xd8];
  segment(out, 0xdb, [0x10, ...zigZag.flatMap((index) => [0, table[index] ?? 1])]);
  segment(out, 0xc1, [precision, rows >>> 8, rows & 0xff, columns >>> 8, columns & 0xff, 1, 1, 0x11, 0]);
  segment(out, 0xc4, [0x00, ...dcTable.bits, ...dcTable.values, 0x10, ...acTable.bits, ...acTable.values]);
  segment(out, 0xda, [1, 1, 0x00, 0, 63, 0]);
  const bits = new BitWriter(out);
  const quantised = new Int32Array(64);
  let previousDc = 0;
  for (let top = 0; top < rows; top += 8) {
    for (let left = 0; left < columns; left += 8) {
      const dct = forwardDct(readBlock(input, top, left));
      zigZag.forEach((index, k) => {
        quantised[k] = Math.round((dct[index] ?? 0) / (table[index] ?? 1));
      });
      encodeBlock(bits, quantised, previousDc);
      previousDc = quantised[0] ?? 0;
    }
  }
  bits.finish();
  out.push(0xff, 0xd9);
  return Uint8Array.from(out);
}
