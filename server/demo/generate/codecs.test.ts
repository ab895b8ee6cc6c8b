import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { losslessEncoders, type FrameInfo, type LosslessEncoders } from './codecs.ts';
import { littleEndianBytes } from './pixelEncoding.ts';
import { createBodyModel, renderBodySlice } from './bodyPhantom.ts';
import { centredGrid } from './rasterize.ts';
import { addNoiseAndOffset, sharedNoiseTable } from './imageNoise.ts';
import { createRandom } from './prng.ts';

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

let encoders: LosslessEncoders;
let decodeJpegLs: (bytes: Uint8Array) => { pixels: Uint8Array; info: FrameInfo };
let decodeJpeg2000: (bytes: Uint8Array) => { pixels: Uint8Array; info: FrameInfo };

function decoderOf(Decoder: new () => WasmDecoder): (bytes: Uint8Array) => { pixels: Uint8Array; info: FrameInfo } {
  return (bytes) => {
    const decoder = new Decoder();
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const result = { pixels: decoder.getDecodedBuffer().slice(), info: decoder.getFrameInfo() };
    decoder.delete();
    return result;
  };
}

beforeAll(async () => {
  encoders = await losslessEncoders();
  const charls = await (require('@cornerstonejs/codec-charls/decodewasmjs') as Factory<{ JpegLSDecoder: new () => WasmDecoder }>)(quiet());
  const openJpeg = await (require('@cornerstonejs/codec-openjpeg/decodewasmjs') as Factory<{ J2KDecoder: new () => WasmDecoder }>)(quiet());
  decodeJpegLs = decoderOf(charls.JpegLSDecoder);
  decodeJpeg2000 = decoderOf(openJpeg.J2KDecoder);
});

function ctSlice(z: number, width: number, height: number): Uint16Array {
  const model = createBodyModel({ seedName: 'codec-test', scale: 1, noduleDiameterMm: 10, contrast: true });
  const hu = new Int16Array(width * height);
  renderBodySlice(model, z, centredGrid(width, height, 400 / width), hu);
  return addNoiseAndOffset(hu, 1024, sharedNoiseTable(), createRandom(`codec-test/${z}`), 4095);
}

const cases: { name: string; samples: Uint16Array; width: number; height: number; bits: number }[] = [
  { name: 'CT slice 512², 12 bits', samples: ctSlice(70, 512, 512), width: 512, height: 512, bits: 12 },
  { name: 'odd size 101×37, 12 bits', samples: ctSlice(-120, 101, 37), width: 101, height: 37, bits: 12 },
  {
    name: 'full 16-bit range',
    samples: Uint16Array.from({ length: 64 * 48 }, (_, i) => (i * 2654435761) >>> 16),
    width: 64,
    height: 48,
    bits: 16,
  },
];

describe('lossless encoders', () => {
  for (const { name, samples, width, height, bits } of cases) {
    const info: FrameInfo = { width, height, bitsPerSample: bits, componentCount: 1, isSigned: false };

    it(`JPEG-LS round-trips exactly: ${name}`, () => {
      const pixels = littleEndianBytes(samples);
      const encoded = encoders.encodeJpegLs(pixels, info);
      expect([encoded[0], encoded[1]]).toEqual([0xff, 0xd8]);
      const decoded = decodeJpegLs(encoded);
      expect(decoded.info).toMatchObject({ width, height, bitsPerSample: bits, componentCount: 1 });
      expect(Buffer.compare(Buffer.from(decoded.pixels), Buffer.from(pixels))).toBe(0);
    });

    it(`JPEG 2000 round-trips exactly: ${name}`, () => {
      const pixels = littleEndianBytes(samples);
      const encoded = encoders.encodeJpeg2000(pixels, info);
      // A raw codestream (SOC marker), as DICOM requires, not a JP2 file.
      expect([encoded[0], encoded[1]]).toEqual([0xff, 0x4f]);
      const decoded = decodeJpeg2000(encoded);
      expect(decoded.info).toMatchObject({ width, height, bitsPerSample: bits, componentCount: 1 });
      expect(Buffer.compare(Buffer.from(decoded.pixels), Buffer.from(pixels))).toBe(0);
    });
  }

  it('compresses a CT slice and encodes deterministically', () => {
    const [first] = cases;
    if (!first) throw new Error('no case');
    const info: FrameInfo = { width: first.width, height: first.height, bitsPerSample: first.bits, componentCount: 1, isSigned: false };
    const pixels = littleEndianBytes(first.samples);
    const jls = encoders.encodeJpegLs(pixels, info);
    const j2k = encoders.encodeJpeg2000(pixels, info);
    expect(jls.length).toBeLessThan(pixels.length / 2);
    expect(j2k.length).toBeLessThan(pixels.length / 2);
    expect(encoders.encodeJpegLs(pixels, info)).toEqual(jls);
    expect(encoders.encodeJpeg2000(pixels, info)).toEqual(j2k);
  });
});
