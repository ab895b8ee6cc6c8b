import { describe, expect, it } from 'vitest';
import { colourTo8Bits, signExtend, expandYbr422, frameForDecoder, jpeg2000SignedSamples, nativeFrameLength, needsOwnRleDecoder, swapBytes } from './nativePixels.ts';
import { encodeRle } from '../../../server/demo/archive/testing/encodeRle.ts';

describe('swapBytes', () => {
  it('reverses each 16-bit and 32-bit value', () => {
    expect([...swapBytes(new Uint8Array([1, 2, 3, 4]), 2)]).toEqual([2, 1, 4, 3]);
    expect([...swapBytes(new Uint8Array([1, 2, 3, 4, 5]), 4)]).toEqual([4, 3, 2, 1, 5]);
  });
});

describe('frameForDecoder', () => {
  it('turns 32-bit big endian into little endian', () => {
    const big = new Uint8Array([0, 0, 1, 2]);
    const ready = frameForDecoder(big, '1.2.840.10008.1.2.2', { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 32 });
    expect(ready.syntax).toBe('1.2.840.10008.1.2.1');
    expect(new DataView(ready.bytes.buffer).getUint32(0, true)).toBe(0x0102);
  });

  it('decodes 32-bit RLE itself, to the interleaved little endian stream', () => {
    const values = new Uint32Array([1, 70000, 0xffffffff, 12345]);
    const native = new Uint8Array(values.buffer);
    const layout = { rows: 2, columns: 2, samplesPerPixel: 1, bitsAllocated: 32 };
    const rle = new Uint8Array(encodeRle(native, 1, 4));
    const ready = frameForDecoder(rle, '1.2.840.10008.1.2.5', layout);
    expect(ready.syntax).toBe('1.2.840.10008.1.2.1');
    expect([...new Uint32Array(ready.bytes.buffer, ready.bytes.byteOffset, 4)]).toEqual([...values]);
  });

  it('leaves what the loader decodes right as stored', () => {
    const frame = new Uint8Array([1, 2]);
    expect(frameForDecoder(frame, '1.2.840.10008.1.2.5', { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 16 }).bytes).toBe(frame);
    expect(frameForDecoder(frame, '1.2.840.10008.1.2.4.90', { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 16 }).syntax).toBe('1.2.840.10008.1.2.4.90');
  });

  it('knows which RLE frames the loader gets wrong', () => {
    expect(needsOwnRleDecoder({ samplesPerPixel: 3, bitsAllocated: 16 })).toBe(true);
    expect(needsOwnRleDecoder({ samplesPerPixel: 1, bitsAllocated: 32 })).toBe(true);
    expect(needsOwnRleDecoder({ samplesPerPixel: 3, bitsAllocated: 8 })).toBe(false);
    expect(needsOwnRleDecoder({ samplesPerPixel: 1, bitsAllocated: 16 })).toBe(false);
  });
});

describe('jpeg2000SignedSamples', () => {
  const siz = (ssiz: number) => {
    const bytes = new Uint8Array(64);
    bytes.set([0xff, 0x4f, 0xff, 0x51], 4);
    bytes[4 + 2 + 40] = ssiz;
    return bytes;
  };
  it('reads the sign bit of the first component', () => {
    expect(jpeg2000SignedSamples(siz(0x0c))).toBe(false);
    expect(jpeg2000SignedSamples(siz(0x8f))).toBe(true);
  });
  it('says nothing without a codestream', () => {
    expect(jpeg2000SignedSamples(new Uint8Array(100))).toBeUndefined();
  });
});

describe('YBR_FULL_422 and frame lengths', () => {
  it('expands each pair of pixels to two full samples sharing their chroma', () => {
    expect([...expandYbr422(new Uint8Array([10, 20, 100, 200]), 1, 2)]).toEqual([10, 100, 200, 20, 100, 200]);
  });

  it('hands native YBR_FULL_422 to the decoder as YBR_FULL', () => {
    const ready = frameForDecoder(new Uint8Array(8), '1.2.840.10008.1.2.1', { rows: 2, columns: 2, samplesPerPixel: 3, bitsAllocated: 8, photometric: 'YBR_FULL_422' });
    expect(ready.photometric).toBe('YBR_FULL');
    expect(ready.bytes.length).toBe(12);
  });

  it('knows how long a native frame is', () => {
    expect(nativeFrameLength({ rows: 64, columns: 64, samplesPerPixel: 1, bitsAllocated: 16 })).toBe(8192);
    expect(nativeFrameLength({ rows: 10, columns: 10, samplesPerPixel: 1, bitsAllocated: 1 })).toBe(100);
    expect(nativeFrameLength({ rows: 2, columns: 2, samplesPerPixel: 3, bitsAllocated: 8, photometric: 'YBR_FULL_422' })).toBe(8);
  });

  it('relabels 1-bit big endian as little endian, bytes untouched', () => {
    const frame = new Uint8Array([1, 0]);
    const ready = frameForDecoder(frame, '1.2.840.10008.1.2.2', { rows: 1, columns: 2, samplesPerPixel: 1, bitsAllocated: 1 });
    expect(ready.syntax).toBe('1.2.840.10008.1.2.1');
    expect(ready.bytes).toBe(frame);
  });
});

describe('signExtend', () => {
  it('reads 13-bit two\'s complement held as unsigned', () => {
    const samples = new Int16Array([0, 1, 4095, 4096, 8191]);
    expect(signExtend(samples, 13)).toEqual({ min: -4096, max: 4095 });
    expect([...samples]).toEqual([0, 1, 4095, -4096, -1]);
  });

  it('redoes a rescale the decoder applied already', () => {
    const samples = new Float32Array([8191 * 2 - 1000]);
    signExtend(samples, 13, { slope: 2, intercept: -1000 });
    expect([...samples]).toEqual([-2 - 1000]);
  });
});

describe('colourTo8Bits', () => {
  it('keeps the most significant bits of 16- and 32-bit colour samples', () => {
    expect([...colourTo8Bits(new Uint8Array(new Uint16Array([0, 0x8000, 0xffff]).buffer), 16)]).toEqual([0, 128, 255]);
    expect([...colourTo8Bits(new Uint8Array(new Uint32Array([0xffffffff, 0x01000000]).buffer), 32)]).toEqual([255, 1]);
    expect([...colourTo8Bits(new Uint8Array(new Uint16Array([0x0fff]).buffer), 16, 12)]).toEqual([255]);
  });
});
