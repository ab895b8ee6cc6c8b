import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FrameInfo } from './codecs.ts';
import { qcFrameEncoder, type QcFrameEncoder } from './qcCodecs.ts';
import { qcColourPattern, qcGreyPattern } from './qcPattern.ts';

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): FrameInfo;
  delete(): void;
}
type Factory<T> = (options: object) => Promise<T>;

const require = createRequire(import.meta.url);
const quiet = (): object => ({ print: () => undefined, printErr: () => undefined });

let encode: QcFrameEncoder;
const decoders: Record<string, new () => WasmDecoder> = {};

/** Decodes with the decoder the browser's image loader uses, another build than the encoder's. */
function decode(name: string, bytes: Uint8Array): { pixels: Uint8Array; info: FrameInfo } {
  const Decoder = decoders[name];
  if (!Decoder) throw new Error(`no decoder ${name}`);
  const decoder = new Decoder();
  decoder.getEncodedBuffer(bytes.length).set(bytes);
  decoder.decode();
  const result = { pixels: decoder.getDecodedBuffer().slice(), info: decoder.getFrameInfo() };
  decoder.delete();
  return result;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

const size = 128;
const grey = Uint16Array.from(qcGreyPattern([400, 1400, 2600, 3700], 0, 4095, 0));
const greyBytes = new Uint8Array(grey.buffer);
const grey12: FrameInfo = { width: size, height: size, bitsPerSample: 12, componentCount: 1, isSigned: false };
const asWords = (bytes: Uint8Array) => new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);

beforeAll(async () => {
  encode = await qcFrameEncoder();
  decoders.jpeg = (await (require('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs') as Factory<{ JPEGDecoder: new () => WasmDecoder }>)(quiet())).JPEGDecoder;
  decoders.jpegLs = (await (require('@cornerstonejs/codec-charls/decodewasmjs') as Factory<{ JpegLSDecoder: new () => WasmDecoder }>)(quiet())).JpegLSDecoder;
  decoders.j2k = (await (require('@cornerstonejs/codec-openjpeg/decodewasmjs') as Factory<{ J2KDecoder: new () => WasmDecoder }>)(quiet())).J2KDecoder;
  decoders.htj2k = (await (require('@cornerstonejs/codec-openjph/wasmjs') as Factory<{ HTJ2KDecoder: new () => WasmDecoder }>)(quiet())).HTJ2KDecoder;
});

describe('qcFrameEncoder', () => {
  it('writes JPEG-LS near-lossless within NEAR of every sample', () => {
    const { pixels, info } = decode('jpegLs', encode(greyBytes, grey12, { codec: 'jpeg-ls', near: 2 }));
    expect(info.bitsPerSample).toBe(12);
    const difference = maxDifference(asWords(pixels), grey);
    expect(difference).toBeGreaterThan(0);
    expect(difference).toBeLessThanOrEqual(2);
  });

  it('writes lossy JPEG 2000 close to the original', () => {
    const { pixels } = decode('j2k', encode(greyBytes, grey12, { codec: 'jpeg-2000-lossy', quality: 10 }));
    expect(maxDifference(asWords(pixels), grey)).toBeLessThan(64);
  });

  it('writes HTJ2K lossless (both progression orders) exactly, and lossy close to the original', () => {
    for (const rpcl of [false, true]) {
      const { pixels } = decode('htj2k', encode(greyBytes, grey12, { codec: 'htj2k', lossless: true, quantizationStep: 0, rpcl }));
      expect(maxDifference(asWords(pixels), grey)).toBe(0);
    }
    const lossy = encode(greyBytes, grey12, { codec: 'htj2k', lossless: false, quantizationStep: 0.005, rpcl: false });
    const difference = maxDifference(asWords(decode('htj2k', lossy).pixels), grey);
    expect(difference).toBeGreaterThan(0);
    expect(difference).toBeLessThan(64);
  });

  it('writes baseline JPEG (SOF0), grey-scale and 4:2:2 colour, close to the original', () => {
    const grey8 = Uint8Array.from(qcGreyPattern([30, 100, 170, 240], 0, 255, 0));
    const greyJpeg = encode(grey8, { ...grey12, bitsPerSample: 8 }, { codec: 'jpeg-baseline', quality: 95, subsampleChroma: false });
    expect([...greyJpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(Buffer.from(greyJpeg).includes(Buffer.from([0xff, 0xc0]))).toBe(true);
    expect(maxDifference(decode('jpeg', greyJpeg).pixels, grey8)).toBeLessThan(24);

    const rgb = qcColourPattern(0);
    const colourJpeg = Buffer.from(encode(rgb, { ...grey12, bitsPerSample: 8, componentCount: 3 }, { codec: 'jpeg-baseline', quality: 95, subsampleChroma: true }));
    const sof = colourJpeg.indexOf(Buffer.from([0xff, 0xc0]));
    // Component 1 (Y) sampled 2 × 1, components 2 and 3 1 × 1: 4:2:2 (T.81 §B.2.2).
    expect([colourJpeg[sof + 11], colourJpeg[sof + 14], colourJpeg[sof + 17]]).toEqual([0x21, 0x11, 0x11]);
    const decoded = decode('jpeg', colourJpeg);
    expect(decoded.info.componentCount).toBe(3);
    // Mean error: chroma subsampling blurs colour edges, the flat quadrants stay close.
    let total = 0;
    for (let i = 0; i < rgb.length; i++) total += Math.abs((decoded.pixels[i] ?? 0) - (rgb[i] ?? 0));
    expect(total / rgb.length).toBeLessThan(8);
  });
});
