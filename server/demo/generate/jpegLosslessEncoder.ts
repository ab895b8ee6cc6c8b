/**
 * A JPEG lossless encoder (ITU-T T.81 Annex H, process 14): one component, Huffman coding, predictors 1–7, no
 * point transform. DICOM uses it as JPEG Lossless, Non-Hierarchical (Process 14) (1.2.840.10008.1.2.4.57, any
 * predictor) and as its First-Order Prediction subset (Selection Value 1, 1.2.840.10008.1.2.4.70) (PS3.5 §8.2.1).
 *
 * The Huffman table is fixed and simple rather than optimal: every difference category 0–16 gets a 5-bit code
 * (T.81 §F.1.2.1 restricts only the all-ones code).
 */

import { BitWriter, category, segment, writeValue } from './jpegBitStream.ts';

export interface LosslessJpegInput {
  /** Unsigned samples, `rows × columns`, below 2^precision. */
  samples: Uint16Array;
  columns: number;
  rows: number;
  /** Sample precision P, 2–16 bits (T.81 §B.2.2). */
  precision: number;
  /** Predictor selection value Ss, 1–7 (T.81 Table H.1). */
  predictor: number;
}

const codeLength = 5;
const categoryCount = 17;

/** The prediction of T.81 Table H.1 for sample (row, column); first row and column as §H.1.2.1 says. */
function predict(samples: Uint16Array, columns: number, row: number, column: number, predictor: number, precision: number): number {
  const at = row * columns + column;
  if (row === 0 && column === 0) return 1 << (precision - 1);
  const a = samples[at - 1] ?? 0;
  if (row === 0) return a;
  const b = samples[at - columns] ?? 0;
  if (column === 0) return b;
  const c = samples[at - columns - 1] ?? 0;
  switch (predictor) {
    case 1: return a;
    case 2: return b;
    case 3: return c;
    case 4: return a + b - c;
    case 5: return a + ((b - c) >> 1);
    case 6: return b + ((a - c) >> 1);
    default: return (a + b) >> 1;
  }
}

/** One frame as a JPEG lossless bitstream (SOI, SOF3, DHT, SOS, entropy-coded data, EOI). */
export function encodeLosslessJpeg(input: LosslessJpegInput): Uint8Array {
  const { samples, columns, rows, precision, predictor } = input;
  if (samples.length !== columns * rows) throw new Error('sample count does not match rows × columns');
  if (predictor < 1 || predictor > 7) throw new Error(`predictor ${predictor} is not 1–7`);
  if (precision < 2 || precision > 16) throw new Error(`precision ${precision} is not 2–16`);
  const out: number[] = [0xff, 0xd8];
  segment(out, 0xc3, [precision, rows >>> 8, rows & 0xff, columns >>> 8, columns & 0xff, 1, 1, 0x11, 0]);
  const counts = Array.from({ length: 16 }, (_, index) => (index === codeLength - 1 ? categoryCount : 0));
  const symbols = Array.from({ length: categoryCount }, (_, index) => index);
  segment(out, 0xc4, [0x00, ...counts, ...symbols]);
  segment(out, 0xda, [1, 1, 0x00, predictor, 0, 0]);
  const bits = new BitWriter(out);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const sample = samples[row * columns + column] ?? 0;
      // Differences are taken modulo 2^16 (T.81 §H.1.2.1) into −32767…32768.
      let difference = (sample - predict(samples, columns, row, column, predictor, precision)) & 0xffff;
      if (difference > 0x8000) difference -= 0x10000;
      const ssss = category(difference);
      bits.write(ssss, codeLength);
      // Category 16 (difference 32768) has no additional bits (T.81 §H.1.2.2).
      if (ssss > 0 && ssss < 16) writeValue(bits, difference, ssss);
    }
  }
  bits.finish();
  out.push(0xff, 0xd9);
  return Uint8Array.from(out);
}
