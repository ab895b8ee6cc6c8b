/**
 * Encodes 16-bit grayscale frames into a transfer syntax's Pixel Data value: native (little endian OW,
 * PS3.5 §8.1.1) or encapsulated compressed frames (PS3.5 §8.2, §A.4).
 */
import { EncapsulatedFrames } from './dataset.ts';
import { losslessEncoders } from './codecs.ts';
import { encodeRleFrame } from './rleEncoder.ts';
import { transferSyntax } from './transferSyntaxes.ts';

export interface GrayFrames {
  columns: number;
  rows: number;
  bitsStored: number;
  /** One array per frame, `rows × columns` stored values. */
  frames: readonly Uint16Array[];
}

/** Little-endian bytes of 16-bit samples, whatever the host's byte order. */
export function littleEndianBytes(samples: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i] ?? 0;
    bytes[2 * i] = value & 0xff;
    bytes[2 * i + 1] = value >>> 8;
  }
  return bytes;
}

/** The Pixel Data value for `image` in the given transfer syntax. */
export async function encodePixelData(image: GrayFrames, transferSyntaxUid: string): Promise<Uint8Array | EncapsulatedFrames> {
  const { codec } = transferSyntax(transferSyntaxUid);
  const { columns, rows, bitsStored } = image;
  const frames = image.frames.map((frame) => {
    if (frame.length !== columns * rows) throw new Error('frame size does not match rows × columns');
    return littleEndianBytes(frame);
  });
  if (codec === 'native') {
    if (frames.length === 1) return frames[0] ?? new Uint8Array(0);
    const all = new Uint8Array(frames.reduce((total, frame) => total + frame.length, 0));
    let offset = 0;
    for (const frame of frames) {
      all.set(frame, offset);
      offset += frame.length;
    }
    return all;
  }
  if (codec === 'rle') {
    return new EncapsulatedFrames(frames.map((pixels) => encodeRleFrame({ pixels, columns, rows, bytesPerSample: 2, samplesPerPixel: 1 })));
  }
  if (codec !== 'jpeg-ls' && codec !== 'jpeg-2000') throw new Error(`grey-scale frames are not encoded for ${transferSyntaxUid} here`);
  const encoders = await losslessEncoders();
  const frameInfo = { width: columns, height: rows, bitsPerSample: bitsStored, componentCount: 1, isSigned: false };
  const encode = codec === 'jpeg-ls' ? encoders.encodeJpegLs : encoders.encodeJpeg2000;
  return new EncapsulatedFrames(frames.map((pixels) => encode(pixels, frameInfo)));
}
