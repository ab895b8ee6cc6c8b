import { describe, expect, it } from 'vitest';
import { encodeRle } from '../../../server/demo/archive/testing/encodeRle.ts';
import { decodeRle } from './rleDecoder.ts';

describe('RLE Lossless decoding (PS3.5 Annex G)', () => {
  it('round-trips 16-bit grayscale with runs and literals', () => {
    const samples = Buffer.alloc(200 * 2);
    for (let index = 0; index < 200; index += 1) samples.writeUInt16LE(index < 150 ? 0x1234 : index * 301, index * 2);
    const encoded = encodeRle(samples, 1, 2);
    expect(encoded.readUInt32LE(0)).toBe(2);
    expect(Buffer.from(decodeRle(encoded, 200, 1, 2 * 8)).equals(samples)).toBe(true);
  });

  it('round-trips 8-bit RGB into interleaved samples', () => {
    const samples = Buffer.from(Array.from({ length: 30 }, (_, index) => (index % 3) * 100 + (index > 15 ? 1 : 0)));
    const encoded = encodeRle(samples, 3, 1);
    expect(encoded.readUInt32LE(0)).toBe(3);
    expect(Buffer.from(decodeRle(encoded, 10, 3, 8)).equals(samples)).toBe(true);
  });

  it('decodes a hand-made segment: a replicate run then a literal run', () => {
    const header = Buffer.alloc(64);
    header.writeUInt32LE(1, 0);
    header.writeUInt32LE(64, 4);
    const frame = Buffer.concat([header, Buffer.from([0xfe, 7, 0x01, 1, 2, 0x80])]);
    expect([...decodeRle(frame, 5, 1, 8)]).toEqual([7, 7, 7, 1, 2]);
  });

  it('rejects a frame whose segment count does not fit the image', () => {
    const header = Buffer.alloc(64);
    header.writeUInt32LE(3, 0);
    expect(() => decodeRle(header, 4, 1, 16)).toThrow(/segments/);
  });
});
