import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixJpegLevelShift } from '../../../build/jpegLevelShiftFix.ts';
import { encodeJpegExtended12, quantisationTable, zigZag } from './jpegExtendedEncoder.ts';
import { createRandom } from './prng.ts';
import { qcGreyPattern } from './qcPattern.ts';

interface JpegImage {
  width: number;
  height: number;
  parse(data: Uint8Array): void;
  getData16(width: number, height: number): Uint16Array;
}

// The decoder the DICOM image loader uses in the browser for 1.2.840.10008.1.2.4.51 (its pdf.js-derived
// codecs/jpeg.js, called as decodeJPEGBaseline12Bit-js does), independent of this encoder, with the level-shift
// correction the build applies to it (build/jpegLevelShiftFix.ts). The package's exports do not list the file, so
// it is read by path.
const require = createRequire(import.meta.url);
const loaderRoot = path.dirname(require.resolve('@cornerstonejs/dicom-image-loader/package.json'));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'passerelle-jpeg-'));
let JpegImageClass: new () => JpegImage;

beforeAll(async () => {
  const fixed = path.join(scratch, 'jpeg.mjs');
  writeFileSync(fixed, fixJpegLevelShift(readFileSync(path.join(loaderRoot, 'dist/esm/codecs/jpeg.js'), 'utf8')));
  const module = (await import(pathToFileURL(fixed).href)) as { default: new () => JpegImage };
  JpegImageClass = module.default;
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function decode(bytes: Uint8Array, columns: number, rows: number): { image: JpegImage; samples: Uint16Array } {
  const image = new JpegImageClass();
  image.parse(bytes);
  return { image, samples: image.getData16(columns, rows) };
}

function errors(decoded: Uint16Array, input: Uint16Array): { max: number; rms: number } {
  expect(decoded.length).toBe(input.length);
  let max = 0;
  let squares = 0;
  for (let i = 0; i < input.length; i++) {
    const difference = (decoded[i] ?? 0) - (input[i] ?? 0);
    max = Math.max(max, Math.abs(difference));
    squares += difference * difference;
  }
  return { max, rms: Math.sqrt(squares / input.length) };
}

interface Segment {
  marker: number;
  body: Uint8Array;
}

/** The markers up to SOS and their segments' bodies (SOI's empty), and the entropy-coded data before EOI. */
function parseHeader(bytes: Uint8Array): { segments: Segment[]; scanData: Uint8Array } {
  const segments: Segment[] = [{ marker: bytes[1] ?? 0, body: new Uint8Array() }];
  let at = 2;
  for (;;) {
    expect(bytes[at]).toBe(0xff);
    const marker = bytes[at + 1] ?? 0;
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    segments.push({ marker, body: bytes.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
    if (marker === 0xda) return { segments, scanData: bytes.subarray(at, -2) };
  }
}

// Not multiples of 8: the last block column and row are padded.
const columns = 61;
const rows = 45;

/** A diagonal ramp over the whole 12-bit range, with a bright disc and a dark bar for sharp edges. */
const pattern = Uint16Array.from({ length: columns * rows }, (_, index) => {
  const x = index % columns;
  const y = Math.floor(index / columns);
  if ((x - 40) ** 2 + (y - 20) ** 2 < 100) return 3900;
  if (x >= 8 && x < 14 && y >= 5 && y < 40) return 150;
  return Math.round((4095 * (x + y)) / (columns + rows - 2));
});

describe('encodeJpegExtended12', () => {
  it('writes SOI, DQT (16-bit entries), SOF1 with P = 12, DHT, SOS for one component, and ends with EOI', () => {
    const encoded = encodeJpegExtended12({ samples: pattern, columns, rows, quality: 90 });
    const found = parseHeader(encoded).segments;
    expect(found.map(({ marker }) => marker)).toEqual([0xd8, 0xdb, 0xc1, 0xc4, 0xda]);
    const [, dqt, sof1, dht, sos] = found;
    // Pq = 1, Tq = 0, 64 16-bit entries in zig-zag order.
    expect(dqt?.body.length).toBe(1 + 128);
    expect(dqt?.body[0]).toBe(0x10);
    const table = quantisationTable(90);
    expect(Array.from({ length: 64 }, (_, k) => ((dqt?.body[1 + 2 * k] ?? 0) << 8) | (dqt?.body[2 + 2 * k] ?? 0))).toEqual(zigZag.map((index) => table[index]));
    // P, Y, X, Nf, then component 1: H = V = 1, Tq = 0.
    expect([...(sof1?.body ?? [])]).toEqual([12, 0, rows, 0, columns, 1, 1, 0x11, 0]);
    // A DC table (class 0) and an AC table (class 1), both id 0.
    expect(dht?.body[0]).toBe(0x00);
    expect(dht?.body[1 + 16 + 16]).toBe(0x10);
    // Ns = 1, component 1 with tables 0/0, Ss = 0, Se = 63, Ah = Al = 0.
    expect([...(sos?.body ?? [])]).toEqual([1, 1, 0x00, 0, 63, 0]);
    expect([...encoded.subarray(-2)]).toEqual([0xff, 0xd9]);

    const { image } = decode(encoded, columns, rows);
    expect([image.width, image.height]).toEqual([columns, rows]);
  });

  it('scales the Annex K table by the quality factor, every entry at least 1', () => {
    expect(quantisationTable(50).slice(0, 3)).toEqual([16, 11, 10]);
    expect(quantisationTable(90).slice(0, 3)).toEqual([3, 2, 2]);
    expect(new Set(quantisationTable(100))).toEqual(new Set([1]));
    expect(Math.min(...quantisationTable(1))).toBeGreaterThanOrEqual(1);
  });

  it('decodes close to the input at quality 90, closer at 100, in fewer bytes than the raw samples', () => {
    const at90 = encodeJpegExtended12({ samples: pattern, columns, rows, quality: 90 });
    const at100 = encodeJpegExtended12({ samples: pattern, columns, rows, quality: 100 });
    const error90 = errors(decode(at90, columns, rows).samples, pattern);
    const error100 = errors(decode(at100, columns, rows).samples, pattern);
    // Measured: quality 90 max 11, RMS 2.0; quality 100 max 1, RMS 0.34 (of 4095).
    expect(error90.max).toBeLessThanOrEqual(20);
    expect(error90.rms).toBeLessThan(3);
    expect(error100.max).toBeLessThanOrEqual(2);
    expect(error100.rms).toBeLessThan(0.5);
    expect(at90.length).toBeLessThan(at100.length);
    expect(at100.length).toBeLessThan(pattern.length * 2);
  });

  it('codes full-scale blocks side by side (DC difference 32760, category 15) and pixel checkerboards (AC category 14)', () => {
    const extreme = Uint16Array.from({ length: columns * rows }, (_, index) => {
      const x = index % columns;
      const y = Math.floor(index / columns);
      const block = (x >> 3) + (y >> 3);
      if (block % 3 === 2) return (x + y) % 2 === 0 ? 0 : 4095;
      return block % 2 === 0 ? 0 : 4095;
    });
    const encoded = encodeJpegExtended12({ samples: extreme, columns, rows, quality: 100 });
    const { max, rms } = errors(decode(encoded, columns, rows).samples, extreme);
    expect(max).toBeLessThanOrEqual(2);
    expect(rms).toBeLessThan(0.5);
  });

  it('stuffs a zero byte after each 0xFF of entropy-coded data', () => {
    const random = createRandom('jpeg-extended-noise');
    const noisy = Uint16Array.from(pattern, (value) => Math.min(4095, Math.max(0, value + Math.floor(random() * 801) - 400)));
    const encoded = encodeJpegExtended12({ samples: noisy, columns, rows, quality: 95 });
    const data = parseHeader(encoded).scanData;
    let stuffed = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 0xff) continue;
      expect(data[i + 1]).toBe(0);
      stuffed++;
      i++;
    }
    expect(stuffed).toBeGreaterThan(0);
    const { max, rms } = errors(decode(encoded, columns, rows).samples, noisy);
    expect(max).toBeLessThanOrEqual(20);
    expect(rms).toBeLessThan(3);
  });

  it('keeps the quality-control pattern within a few levels at quality 90', () => {
    const size = 128;
    const qc = Uint16Array.from(qcGreyPattern([400, 1400, 2600, 3700], 0, 4095, 0, size));
    const encoded = encodeJpegExtended12({ samples: qc, columns: size, rows: size, quality: 90 });
    const { max, rms } = errors(decode(encoded, size, size).samples, qc);
    expect(max).toBeLessThanOrEqual(4);
    expect(rms).toBeLessThan(1);
    expect(encoded.length).toBeLessThan((qc.length * 2) / 10);
  });

  it('refuses samples above 4095, a quality outside 1–100 and a wrong sample count', () => {
    expect(() => encodeJpegExtended12({ samples: Uint16Array.of(4096), columns: 1, rows: 1, quality: 90 })).toThrow(/above 4095/);
    expect(() => encodeJpegExtended12({ samples: pattern, columns, rows, quality: 0 })).toThrow(/quality/);
    expect(() => encodeJpegExtended12({ samples: pattern, columns, rows: rows - 1, quality: 90 })).toThrow(/sample count/);
  });
});
