/**
 * The series of the quality-control "codec gallery" study: one per Transfer Syntax (PS3.5 §10, Annex A) and
 * Photometric Interpretation (PS3.3 §C.7.6.3.1.2) a PACS may hold, all showing the same test pattern
 * (qcPattern.ts), so that each can be compared with the uncompressed reference series of its kind.
 */
import type { QcEncoding } from './qcCodecs.ts';
import {
  deflatedExplicitVrLittleEndian, explicitVrBigEndian, explicitVrLittleEndian, htj2k, htj2kLossless, htj2kLosslessRpcl, implicitVrLittleEndian,
  jpeg2000, jpeg2000Lossless, jpegBaseline8Bit, jpegExtended12Bit, jpegLosslessProcess14, jpegLosslessSv1, jpegLsLossless, jpegLsNearLossless, privateUnknownSyntax,
  rleLossless,
} from './transferSyntaxes.ts';

/**
 * What the pixels are: `grey12` 12 bits stored in 16, unsigned, MONOCHROME2 (the reference); `grey8` 8 bits;
 * `mono1` the 12-bit pattern as MONOCHROME1 with a rescale; `signed16` 16 bits signed with a rescale and a VOI LUT
 * Sequence that together display as the reference; `rgb`, `ybr-full`, `palette` the colour pattern, and
 * `ybr-full-422` the RGB pattern given to a JPEG encoder that stores it as subsampled YCbCr.
 */
export type QcPixels = 'grey12' | 'grey8' | 'mono1' | 'signed16' | 'rgb' | 'ybr-full' | 'ybr-full-422' | 'palette';

/** How each frame is written into the Pixel Data. */
export type QcCoding =
  | { kind: 'native' }
  | { kind: 'rle' }
  | { kind: 'jpeg-lossless'; predictor: number }
  /** JPEG extended sequential, 12 bits (jpegExtendedEncoder.ts), at an IJG quality factor 1–100. */
  | { kind: 'jpeg-extended'; quality: number }
  | { kind: 'jpeg-ls-lossless' }
  | { kind: 'jpeg-2000-lossless' }
  | { kind: 'wasm'; encoding: QcEncoding }
  /** Bytes no viewer can decode, under a Transfer Syntax no viewer knows. */
  | { kind: 'private' };

export interface QcCase {
  number: number;
  description: string;
  transferSyntaxUid: string;
  pixels: QcPixels;
  coding: QcCoding;
  /** Lossy compression: Lossy Image Compression "01" and its method (PS3.3 §C.7.6.1.1.5). */
  lossyMethod?: string;
}

const native = { kind: 'native' } as const;

export const qcCases: readonly QcCase[] = [
  { number: 1, description: 'Explicit VR Little Endian (reference 12 bits)', transferSyntaxUid: explicitVrLittleEndian, pixels: 'grey12', coding: native },
  { number: 2, description: 'Implicit VR Little Endian', transferSyntaxUid: implicitVrLittleEndian, pixels: 'grey12', coding: native },
  { number: 3, description: 'Explicit VR Big Endian', transferSyntaxUid: explicitVrBigEndian, pixels: 'grey12', coding: native },
  { number: 4, description: 'Deflated Explicit VR Little Endian', transferSyntaxUid: deflatedExplicitVrLittleEndian, pixels: 'grey12', coding: native },
  { number: 5, description: 'RLE Lossless', transferSyntaxUid: rleLossless, pixels: 'grey12', coding: { kind: 'rle' } },
  { number: 6, description: 'JPEG Lossless SV1 (predictor 1)', transferSyntaxUid: jpegLosslessSv1, pixels: 'grey12', coding: { kind: 'jpeg-lossless', predictor: 1 } },
  { number: 7, description: 'JPEG Lossless process 14 (predictor 6)', transferSyntaxUid: jpegLosslessProcess14, pixels: 'grey12', coding: { kind: 'jpeg-lossless', predictor: 6 } },
  { number: 8, description: 'JPEG-LS lossless', transferSyntaxUid: jpegLsLossless, pixels: 'grey12', coding: { kind: 'jpeg-ls-lossless' } },
  {
    number: 9, description: 'JPEG-LS near-lossless (NEAR=2)', transferSyntaxUid: jpegLsNearLossless, pixels: 'grey12',
    coding: { kind: 'wasm', encoding: { codec: 'jpeg-ls', near: 2 } }, lossyMethod: 'ISO_14495_1',
  },
  { number: 10, description: 'JPEG 2000 lossless', transferSyntaxUid: jpeg2000Lossless, pixels: 'grey12', coding: { kind: 'jpeg-2000-lossless' } },
  {
    number: 11, description: 'JPEG 2000 lossy (9/7 wavelet)', transferSyntaxUid: jpeg2000, pixels: 'grey12',
    coding: { kind: 'wasm', encoding: { codec: 'jpeg-2000-lossy', quality: 10 } }, lossyMethod: 'ISO_15444_1',
  },
  {
    number: 12, description: 'HTJ2K lossless', transferSyntaxUid: htj2kLossless, pixels: 'grey12',
    coding: { kind: 'wasm', encoding: { codec: 'htj2k', lossless: true, quantizationStep: 0, rpcl: false } },
  },
  {
    number: 13, description: 'HTJ2K lossless RPCL', transferSyntaxUid: htj2kLosslessRpcl, pixels: 'grey12',
    coding: { kind: 'wasm', encoding: { codec: 'htj2k', lossless: true, quantizationStep: 0, rpcl: true } },
  },
  {
    number: 14, description: 'HTJ2K lossy', transferSyntaxUid: htj2k, pixels: 'grey12',
    coding: { kind: 'wasm', encoding: { codec: 'htj2k', lossless: false, quantizationStep: 0.005, rpcl: false } }, lossyMethod: 'ISO_15444_15',
  },
  {
    number: 15, description: 'JPEG extended 12 bits (process 4)', transferSyntaxUid: jpegExtended12Bit, pixels: 'grey12',
    coding: { kind: 'jpeg-extended', quality: 90 }, lossyMethod: 'ISO_10918_1',
  },
  { number: 20, description: 'MONOCHROME2 8 bits (reference 8 bits)', transferSyntaxUid: explicitVrLittleEndian, pixels: 'grey8', coding: native },
  {
    number: 21, description: 'JPEG baseline 8 bits', transferSyntaxUid: jpegBaseline8Bit, pixels: 'grey8',
    coding: { kind: 'wasm', encoding: { codec: 'jpeg-baseline', quality: 95, subsampleChroma: false } }, lossyMethod: 'ISO_10918_1',
  },
  { number: 30, description: 'MONOCHROME1 with rescale', transferSyntaxUid: explicitVrLittleEndian, pixels: 'mono1', coding: native },
  { number: 31, description: 'MONOCHROME2 signed 16 bits, rescale and VOI LUT', transferSyntaxUid: explicitVrLittleEndian, pixels: 'signed16', coding: native },
  { number: 40, description: 'RGB (reference colour)', transferSyntaxUid: explicitVrLittleEndian, pixels: 'rgb', coding: native },
  { number: 41, description: 'RGB RLE Lossless', transferSyntaxUid: rleLossless, pixels: 'rgb', coding: { kind: 'rle' } },
  { number: 42, description: 'YBR_FULL', transferSyntaxUid: explicitVrLittleEndian, pixels: 'ybr-full', coding: native },
  {
    number: 43, description: 'YBR_FULL_422 JPEG baseline', transferSyntaxUid: jpegBaseline8Bit, pixels: 'ybr-full-422',
    coding: { kind: 'wasm', encoding: { codec: 'jpeg-baseline', quality: 95, subsampleChroma: true } }, lossyMethod: 'ISO_10918_1',
  },
  { number: 44, description: 'PALETTE COLOR', transferSyntaxUid: explicitVrLittleEndian, pixels: 'palette', coding: native },
  { number: 99, description: 'Private transfer syntax 1.2.999.1 (undecodable)', transferSyntaxUid: privateUnknownSyntax, pixels: 'grey12', coding: { kind: 'private' } },
];

/** The quality-control case of a series number. */
export function qcCase(number: number): QcCase {
  const found = qcCases.find((candidate) => candidate.number === number);
  if (!found) throw new Error(`no quality-control case ${number}`);
  return found;
}
