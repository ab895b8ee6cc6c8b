import { describe, expect, it } from 'vitest';
import { readPng } from '../testing/readPng.ts';
import { crc32, encodePng } from './encodePng.ts';

describe('PNG encoding', () => {
  it('computes the CRC-32 of ISO 3309', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('writes grayscale and RGB images that read back', () => {
    const gray = Uint8Array.from({ length: 12 }, (_, index) => index * 20);
    const decoded = readPng(encodePng(4, 3, 1, gray));
    expect([decoded.width, decoded.height, decoded.colorType]).toEqual([4, 3, 0]);
    expect([...decoded.pixels]).toEqual([...gray]);
    const rgb = Uint8Array.from({ length: 2 * 2 * 3 }, (_, index) => index * 10);
    const colour = readPng(encodePng(2, 2, 3, rgb));
    expect(colour.colorType).toBe(2);
    expect([...colour.pixels]).toEqual([...rgb]);
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, 1, new Uint8Array(3))).toThrow();
  });
});
