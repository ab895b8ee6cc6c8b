import { describe, expect, it } from 'vitest';
import { writePart10 } from './part10Writer.ts';
import { EncapsulatedFrames, encodeLatin1, formatDecimal, type Dataset } from './dataset.ts';
import { dictionary } from './dicomDictionary.ts';
import { deflatedExplicitVrLittleEndian, explicitVrBigEndian, explicitVrLittleEndian, implicitVrLittleEndian, rleLossless } from './transferSyntaxes.ts';
import { inflateRawSync } from 'node:zlib';
import { readPart10 as parse } from './dcmjsReader.ts';

const base: Dataset = {
  SpecificCharacterSet: 'ISO_IR 100',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
  SOPInstanceUID: '1.2.3.456',
  PatientName: 'LEFÈVRE^HÉLÈNE',
  PatientID: 'A1',
  Rows: 2,
  Columns: 3,
  WindowCenter: [40, -600],
  PixelSpacing: [0.7421875, 0.7421875],
  FrameIncrementPointer: dictionary.SliceLocationVector.tag,
  PositionReferenceIndicator: null,
  ReferencedSeriesSequence: [{ SeriesInstanceUID: '1.2.3', ReferencedSOPSequence: [{ ReferencedSOPInstanceUID: '1.2.3.4' }, { ReferencedSOPInstanceUID: '1.2.3.5' }] }],
  ReferencedPerformedProcedureStepSequence: [],
};

describe('writePart10', () => {
  it('writes Explicit VR Big Endian: binary values and OW pixel words most significant byte first', () => {
    // Little endian words 1, 2, …, 6 as the writer is given them.
    const pixels = Uint8Array.from([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0]);
    const bytes = writePart10({ ...base, PixelData: pixels }, explicitVrBigEndian);
    const { meta, dataset } = parse(bytes);
    expect(meta['00020010']?.Value).toEqual([explicitVrBigEndian]);
    expect(dataset.Rows).toBe(2);
    expect(dataset.Columns).toBe(3);
    expect(dataset.FrameIncrementPointer).toBe(0x00182005);
    expect(dataset.PatientName).toEqual([{ Alphabetic: 'LEFÈVRE^HÉLÈNE' }]);
    // The Pixel Data element in the file: tag (7FE0,0010), "OW", reserved, length 12, then big endian words.
    const file = Buffer.from(bytes);
    const at = file.indexOf(Buffer.from([0x7f, 0xe0, 0x00, 0x10, 0x4f, 0x57, 0, 0, 0, 0, 0, 12]));
    expect(at).toBeGreaterThan(132);
    expect([...file.subarray(at + 12, at + 24)]).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6]);
  });

  it('writes Deflated Explicit VR Little Endian: the data set after the meta information is one raw deflate stream', () => {
    const pixels = Uint8Array.from([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0]);
    const deflated = writePart10({ ...base, PixelData: pixels }, deflatedExplicitVrLittleEndian);
    const plain = writePart10({ ...base, PixelData: pixels }, explicitVrLittleEndian);
    const { meta, dataset } = parse(deflated);
    expect(meta['00020010']?.Value).toEqual([deflatedExplicitVrLittleEndian]);
    expect(dataset.PatientName).toEqual([{ Alphabetic: 'LEFÈVRE^HÉLÈNE' }]);
    // Meta information: 132 bytes, then (0002,0000) UL of 12 bytes whose value is the rest of group 2's length.
    const metaEnd = (file: Uint8Array) => 144 + new DataView(file.buffer, file.byteOffset).getUint32(140, true);
    expect(Buffer.from(inflateRawSync(deflated.subarray(metaEnd(deflated))))).toEqual(Buffer.from(plain.subarray(metaEnd(plain))));
  });

  for (const syntax of [explicitVrLittleEndian, implicitVrLittleEndian]) {
    it(`writes a file dcmjs reads back (${syntax})`, () => {
      const pixels = Uint8Array.from([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0]);
      const bytes = writePart10({ ...base, PixelData: pixels }, syntax);
      expect(new TextDecoder().decode(bytes.subarray(128, 132))).toBe('DICM');
      expect(bytes.subarray(0, 128).every((byte) => byte === 0)).toBe(true);
      const { meta, dataset } = parse(bytes);
      expect(meta['00020010']?.Value).toEqual([syntax]);
      expect(meta['00020003']?.Value).toEqual(['1.2.3.456']);
      expect(dataset.PatientName).toEqual([{ Alphabetic: 'LEFÈVRE^HÉLÈNE' }]);
      expect(dataset.WindowCenter).toEqual([40, -600]);
      expect(dataset.Rows).toBe(2);
      const series = dataset.ReferencedSeriesSequence as Record<string, unknown>;
      expect((series.ReferencedSOPSequence as unknown[]).length).toBe(2);
      expect(new Uint8Array((dataset.PixelData as ArrayBuffer[])[0] ?? new ArrayBuffer(0))).toEqual(pixels);
    });
  }

  it('writes text as ISO 8859-1, one byte per accented letter', () => {
    const bytes = Buffer.from(writePart10(base, explicitVrLittleEndian));
    expect(bytes.indexOf(Buffer.from([0x4c, 0x45, 0x46, 0xc8, 0x56, 0x52, 0x45]))).toBeGreaterThan(0);
    expect(bytes.indexOf(Buffer.from('LEFÈVRE', 'utf8'))).toBe(-1);
  });

  it('computes the meta group length and pads odd UIDs with NUL', () => {
    const bytes = writePart10(base, explicitVrLittleEndian);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(132, true)).toBe(0x00000002);
    const groupLength = view.getUint32(140, true);
    const afterMeta = 144 + groupLength;
    expect(view.getUint16(afterMeta, true)).toBe(0x0008);
    const sopInstance = Buffer.from(bytes).indexOf(Buffer.from('1.2.3.456\0', 'latin1'));
    expect(sopInstance).toBeGreaterThan(0);
  });

  it('writes encapsulated frames with a basic offset table and even fragments', () => {
    const frames = [Uint8Array.from([1, 2, 3]), Uint8Array.from([4, 5, 6, 7])];
    const bytes = writePart10({ ...base, PixelData: new EncapsulatedFrames(frames) }, rleLossless);
    const { dataset } = parse(bytes);
    const parsed = (dataset.PixelData as ArrayBuffer[]).map((frame) => Array.from(new Uint8Array(frame)));
    expect(parsed).toEqual([[1, 2, 3, 0], [4, 5, 6, 7]]);
    const buffer = Buffer.from(bytes);
    const table = buffer.indexOf(Buffer.from([0xfe, 0xff, 0x00, 0xe0, 0x08, 0, 0, 0]));
    expect(buffer.readUInt32LE(table + 8)).toBe(0);
    expect(buffer.readUInt32LE(table + 12)).toBe(12);
  });

  it('refuses encapsulated pixel data in implicit VR and text outside Latin-1', () => {
    expect(() => writePart10({ ...base, PixelData: new EncapsulatedFrames([new Uint8Array(2)]) }, implicitVrLittleEndian)).toThrow();
    expect(() => encodeLatin1('Łukasz')).toThrow();
  });
});

describe('formatDecimal', () => {
  it('keeps decimal strings within 16 characters', () => {
    expect(formatDecimal(-189.62890625)).toBe('-189.62890625');
    expect(formatDecimal(1 / 3).length).toBeLessThanOrEqual(16);
    expect(formatDecimal(-0)).toBe('0');
    expect(Number(formatDecimal(123456.7890123456))).toBeCloseTo(123456.7890123456, 6);
  });
});
