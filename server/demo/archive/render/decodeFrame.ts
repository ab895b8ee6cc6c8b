/**
 * One frame's stored pixel values (PS3.3 §C.7.6.3 Image Pixel Module), whatever the Transfer Syntax: native
 * (PS3.5 §8.1.1, Bits Stored within Bits Allocated, two's complement when Pixel Representation is 1), RLE
 * (PS3.5 Annex G), JPEG-LS and JPEG 2000 (PS3.5 §A.4.3, §A.4.4). Colour data comes out as interleaved RGB.
 */
import type { DcmjsDataset } from '../dicom/dcmjsApi.ts';
import { firstNumber, firstString } from '../dicom/datasetValues.ts';
import { EXPLICIT_VR_BIG_ENDIAN, isNativeLittleEndian, JPEG_2000, JPEG_2000_LOSSLESS, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS, RLE_LOSSLESS } from '../dicom/transferSyntax.ts';
import { notAcceptable } from '../http/httpProblem.ts';
import { decodeRle } from '../../../../src/domain/dicom/rleDecoder.ts';
import { decodeJpeg2000, decodeJpegLs } from './wasmCodecs.ts';

export interface DecodedFrame {
  rows: number;
  columns: number;
  samples: 1 | 3;
  /** Stored values, samples interleaved. */
  values: Float32Array;
}

interface PixelModule {
  rows: number;
  columns: number;
  samples: number;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
  planar: boolean;
  photometric: string;
}

function pixelModule(dataset: DcmjsDataset): PixelModule {
  const bitsAllocated = firstNumber(dataset, '00280100') ?? 16;
  return {
    rows: firstNumber(dataset, '00280010') ?? 0,
    columns: firstNumber(dataset, '00280011') ?? 0,
    samples: firstNumber(dataset, '00280002') ?? 1,
    bitsAllocated,
    bitsStored: firstNumber(dataset, '00280101') ?? bitsAllocated,
    signed: firstNumber(dataset, '00280103') === 1,
    planar: firstNumber(dataset, '00280006') === 1,
    photometric: (firstString(dataset, '00280004') ?? 'MONOCHROME2').trim(),
  };
}

/** Little endian bytes → stored values, masked to Bits Stored and sign-extended when signed. */
function readValues(bytes: Uint8Array, count: number, module: PixelModule): Float32Array {
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bits = Math.min(module.bitsStored, module.bitsAllocated);
  const width = module.bitsAllocated;
  for (let index = 0; index < count; index += 1) {
    let raw: number;
    if (width === 1) raw = ((bytes[index >> 3] ?? 0) >> (index & 7)) & 1;
    else if (width <= 8) raw = bytes[index] ?? 0;
    else if (width <= 16) raw = index * 2 + 2 <= bytes.length ? view.getUint16(index * 2, true) : 0;
    else raw = index * 4 + 4 <= bytes.length ? view.getUint32(index * 4, true) : 0;
    const masked = bits >= 32 ? raw : raw % 2 ** bits;
    out[index] = module.signed && masked >= 2 ** (bits - 1) ? masked - 2 ** bits : masked;
  }
  return out;
}

function swapToLittleEndian(bytes: Uint8Array, bitsAllocated: number): Uint8Array {
  const size = bitsAllocated / 8;
  if (size !== 2 && size !== 4) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let at = 0; at + size <= bytes.length; at += size) for (let k = 0; k < size; k += 1) out[at + k] = bytes[at + size - 1 - k] ?? 0;
  return out;
}

async function nativeBytes(frame: Uint8Array, transferSyntaxUid: string, module: PixelModule): Promise<Uint8Array> {
  const pixelCount = module.rows * module.columns;
  if (isNativeLittleEndian(transferSyntaxUid)) return frame;
  if (transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) return swapToLittleEndian(frame, module.bitsAllocated);
  if (transferSyntaxUid === RLE_LOSSLESS) return decodeRle(frame, pixelCount, module.samples, module.bitsAllocated);
  if (transferSyntaxUid === JPEG_LS_LOSSLESS || transferSyntaxUid === JPEG_LS_NEAR_LOSSLESS) return (await decodeJpegLs(frame)).bytes;
  if (transferSyntaxUid === JPEG_2000_LOSSLESS || transferSyntaxUid === JPEG_2000) return (await decodeJpeg2000(frame)).bytes;
  throw notAcceptable(`rendering pixel data stored in Transfer Syntax ${transferSyntaxUid} is not supported by this archive`);
}

function toInterleavedRgb(values: Float32Array, module: PixelModule, planar: boolean): Float32Array {
  const count = module.rows * module.columns;
  const out = new Float32Array(count * 3);
  for (let pixel = 0; pixel < count; pixel += 1) {
    for (let sample = 0; sample < 3; sample += 1) {
      out[pixel * 3 + sample] = (planar ? values[sample * count + pixel] : values[pixel * 3 + sample]) ?? 0;
    }
    if (module.photometric === 'YBR_FULL') {
      const y = out[pixel * 3] ?? 0;
      const cb = (out[pixel * 3 + 1] ?? 0) - 128;
      const cr = (out[pixel * 3 + 2] ?? 0) - 128;
      out[pixel * 3] = y + 1.402 * cr;
      out[pixel * 3 + 1] = y - 0.344136 * cb - 0.714136 * cr;
      out[pixel * 3 + 2] = y + 1.772 * cb;
    }
  }
  return out;
}

export async function decodeFrame(frame: Uint8Array, transferSyntaxUid: string, dataset: DcmjsDataset): Promise<DecodedFrame> {
  const module = pixelModule(dataset);
  if (module.rows <= 0 || module.columns <= 0) throw notAcceptable('the image has no Rows or Columns');
  const gray = module.samples === 1 && module.photometric.startsWith('MONOCHROME');
  const color = module.samples === 3 && (module.photometric === 'RGB' || module.photometric === 'YBR_FULL');
  if (!gray && !color) {
    throw notAcceptable(`rendering ${module.photometric} images with ${module.samples} sample(s) per pixel is not supported by this archive`);
  }
  const bytes = await nativeBytes(frame, transferSyntaxUid, module);
  const values = readValues(bytes, module.rows * module.columns * module.samples, module);
  if (gray) return { rows: module.rows, columns: module.columns, samples: 1, values };
  const planar = module.planar && (isNativeLittleEndian(transferSyntaxUid) || transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN);
  return { rows: module.rows, columns: module.columns, samples: 3, values: toInterleavedRgb(values, module, planar) };
}
