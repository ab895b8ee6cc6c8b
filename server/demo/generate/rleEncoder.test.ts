import { describe, expect, it } from 'vitest';
import { encodeRleFrame, packBits } from './rleEncoder.ts';
import { createRandom } from './prng.ts';

/** PackBits decoding of one segment (PS3.5 §G.3.2). */
function unpackBits(source: Uint8Array, expectedLength: number): Uint8Array {
  const out = new Uint8Array(expectedLength);
  let i = 0;
  let o = 0;
  while (o < expectedLength && i < source.length) {
    const header = source[i++] ?? 0;
    const n = header > 127 ? header - 256 : header;
    if (n >= 0) {
      out.set(source.subarray(i, i + n + 1), o);
      i += n + 1;
      o += n + 1;
    } else if (n !== -128) {
      out.fill(source[i++] ?? 0, o, o + 1 - n);
      o += 1 - n;
    }
  }
  if (o !== expectedLength) throw new Error(`segment decoded to ${o} bytes, expected ${expectedLength}`);
  return out;
}

/** RLE Lossless frame decoding (PS3.5 §G.5, §G.6): the inverse of `encodeRleFrame`. */
function decodeRleFrame(frame: Uint8Array, columns: number, rows: number, bytesPerSample: number): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  expect(segments).toBe(bytesPerSample);
  const pixels = new Uint8Array(columns * rows * bytesPerSample);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : frame.length;
    expect(start % 2).toBe(0);
    expect((end - start) % 2).toBe(0);
    const bytes = unpackBits(frame.subarray(start, end), columns * rows);
    const byteIndex = bytesPerSample - 1 - s;
    for (let p = 0; p < columns * rows; p++) pixels[p * bytesPerSample + byteIndex] = bytes[p] ?? 0;
  }
  for (let s = segments; s < 15; s++) expect(view.getUint32(4 + 4 * s, true)).toBe(0);
  return pixels;
}

function roundTrip(samples: Uint16Array, columns: number, rows: number): void {
  const pixels = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const frame = encodeRleFrame({ pixels, columns, rows, bytesPerSample: 2, samplesPerPixel: 1 });
  expect(frame.length % 2).toBe(0);
  expect(decodeRleFrame(frame, columns, rows, 2)).toEqual(pixels);
}

describe('packBits', () => {
  it('encodes runs as replicate packets and the rest as literals, never over 128 bytes', () => {
    const row = Uint8Array.from([...new Array<number>(300).fill(7), 1, 2, 3, 3, 4, 5, 5, 5, ...Array.from({ length: 200 }, (_, i) => i)]);
    const out = new Uint8Array(1024);
    const length = packBits(row, 0, row.length, out, 0);
    const encoded = out.subarray(0, length);
    expect(encoded[0]).toBe(257 - 128);
    expect(unpackBits(encoded, row.length)).toEqual(row);
    expect(length).toBeLessThan(row.length);
  });

  it('handles single bytes and pairs', () => {
    for (const row of [[9], [9, 9], [1, 2], [1, 1, 2, 2], [0, 0, 0]]) {
      const source = Uint8Array.from(row);
      const out = new Uint8Array(16);
      const length = packBits(source, 0, source.length, out, 0);
      expect(unpackBits(out.subarray(0, length), source.length)).toEqual(source);
    }
  });
});

describe('encodeRleFrame', () => {
  it('round-trips flat, noisy and mixed 16-bit frames, including odd widths', () => {
    const random = createRandom('rle-test');
    for (const [columns, rows] of [[1, 1], [3, 5], [129, 7], [257, 3], [64, 64]] as const) {
      const flat = new Uint16Array(columns * rows).fill(0x0400);
      const noisy = Uint16Array.from({ length: columns * rows }, () => Math.floor(random() * 4096));
      const mixed = Uint16Array.from({ length: columns * rows }, (_, i) => (i % columns < columns / 2 ? 24 : 1064 + (i % 3)));
      for (const samples of [flat, noisy, mixed]) roundTrip(samples, columns, rows);
    }
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => encodeRleFrame({ pixels: new Uint8Array(10), columns: 3, rows: 2, bytesPerSample: 2, samplesPerPixel: 1 })).toThrow();
  });
});
