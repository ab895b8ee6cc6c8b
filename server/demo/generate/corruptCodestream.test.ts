import { describe, expect, it } from 'vitest';
import { keptScanBytes, scanDataOffset, truncatedJpegLsScan } from './corruptCodestream.ts';

/** SOI, SOF55 (8 bits, 2 × 2, 1 component), SOS (1 component, NEAR 0), scan bytes, EOI. */
function tinyJpegLs(scanBytes: number[]): Uint8Array {
  return Uint8Array.from([
    0xff, 0xd8,
    0xff, 0xf7, 0x00, 0x0b, 0x08, 0x00, 0x02, 0x00, 0x02, 0x01, 0x01, 0x11, 0x00,
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00,
    ...scanBytes,
    0xff, 0xd9,
  ]);
}

describe('truncatedJpegLsScan', () => {
  it('keeps the headers and the first scan bytes, then ends the image', () => {
    const scan = Array.from({ length: 100 }, (_, i) => (i * 37) & 0x7f);
    const codestream = tinyJpegLs(scan);
    expect(scanDataOffset(codestream)).toBe(25);
    const cut = truncatedJpegLsScan(codestream, 10);
    expect([...cut]).toEqual([...codestream.subarray(0, 25), ...scan.slice(0, 10), 0xff, 0xd9]);
    expect(truncatedJpegLsScan(tinyJpegLs(new Array(200).fill(1)))).toHaveLength(25 + keptScanBytes + 2);
  });

  it('never leaves a 0xFF byte before the EOI marker', () => {
    const cut = truncatedJpegLsScan(tinyJpegLs([1, 2, 0xff, 0x10, 5, 6]), 3);
    expect([...cut.subarray(25)]).toEqual([1, 2, 0x7f, 0xff, 0xd9]);
  });

  it('refuses what is not a JPEG-LS codestream, or too short to cut', () => {
    expect(() => truncatedJpegLsScan(Uint8Array.from([0x00, 0x01, 0x02]))).toThrow(/SOI/);
    const baseline = tinyJpegLs(new Array(100).fill(1));
    baseline[3] = 0xc0;
    expect(() => truncatedJpegLsScan(baseline)).toThrow(/SOF55/);
    expect(() => truncatedJpegLsScan(tinyJpegLs([1, 2, 3]), 10)).toThrow(/too short/);
  });
});
