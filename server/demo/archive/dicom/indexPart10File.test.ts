import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestArchive, UID, type TestArchive } from '../testing/buildTestArchive.ts';
import { writePart10 } from '../testing/writePart10.ts';
import { indexPart10File } from './indexPart10File.ts';

const readRanges = (file: string, ranges: { offset: number; length: number }[]) => {
  const bytes = fs.readFileSync(file);
  return Buffer.concat(ranges.map((range) => bytes.subarray(range.offset, range.offset + range.length)));
};

describe('indexing Part 10 files (PS3.10 §7.1, PS3.5 §A.4)', () => {
  let fixtures: TestArchive;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-index-'));
  beforeAll(async () => {
    fixtures = await buildTestArchive();
  });
  afterAll(() => {
    fixtures.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const fileOf = (name: string) => fixtures.files.find((file) => file.endsWith(`/${name}`)) ?? '';

  it('locates native frames in explicit and implicit VR files', () => {
    for (const [name, sop] of [['ct1.dcm', UID.ct1], ['multiframe.dcm', UID.multiFrame], ['ctc.dcm', UID.ctC]] as const) {
      const record = indexPart10File(fileOf(name));
      expect(record.sopInstanceUid).toBe(sop);
      expect(record.pixelData?.encapsulated).toBe(false);
      expect(record.pixelData?.frames.map((ranges) => readRanges(record.file, ranges))).toEqual(fixtures.frames[sop]);
    }
    expect(indexPart10File(fileOf('multiframe.dcm')).pixelData?.vr).toBe('OW');
    expect(indexPart10File(fileOf('ctc.dcm')).pixelData?.vr).toBe('OB');
  });

  it('locates encapsulated frames: one fragment each, several by Basic Offset Table, several for one frame', () => {
    for (const [name, sop] of [['rle.dcm', UID.rle], ['j2k.dcm', UID.j2k], ['jls.dcm', UID.jls]] as const) {
      const record = indexPart10File(fileOf(name));
      expect(record.pixelData?.encapsulated, name).toBe(true);
      expect(record.pixelData?.frames.map((ranges) => readRanges(record.file, ranges)), name).toEqual(fixtures.frames[sop]);
    }
    expect(indexPart10File(fileOf('j2k.dcm')).pixelData?.frames.map((ranges) => ranges.length)).toEqual([2, 2]);
  });

  it('finds frames by their start markers when there is no offset table', () => {
    const j2k = indexPart10File(fileOf('j2k.dcm'));
    const frames = (fixtures.frames[UID.j2k] ?? []).map((frame) => [frame.subarray(0, 40), frame.subarray(40)]);
    const file = path.join(dir, 'markers.dcm');
    const dataset: Record<string, unknown> = { SOPClassUID: '1.2.840.10008.5.1.4.1.1.4', SOPInstanceUID: '1.2.3.9', StudyInstanceUID: '1.2.3', SeriesInstanceUID: '1.2.3.1', Rows: 8, Columns: 8, BitsAllocated: 16, NumberOfFrames: 2 };
    writePart10(file, { dataset, transferSyntaxUid: '1.2.840.10008.1.2.4.90', encapsulated: { frames, offsetTable: false } });
    const record = indexPart10File(file);
    expect(record.pixelData?.problem).toBeUndefined();
    expect(record.pixelData?.frames.map((ranges) => readRanges(file, ranges))).toEqual(fixtures.frames[UID.j2k]);
    expect(j2k.studyInstanceUid).toBe(UID.studyB);
  });

  it('reports frames it cannot locate instead of failing the file', () => {
    const file = path.join(dir, 'short.dcm');
    const dataset: Record<string, unknown> = { SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: '1.2.3.8', StudyInstanceUID: '1.2.3', SeriesInstanceUID: '1.2.3.1', Rows: 8, Columns: 8, BitsAllocated: 16, NumberOfFrames: 4, PixelData: new Uint16Array(64).buffer };
    writePart10(file, { dataset, transferSyntaxUid: '1.2.840.10008.1.2.1' });
    const record = indexPart10File(file);
    expect(record.pixelData?.frames).toEqual([]);
    expect(record.pixelData?.problem).toMatch(/4 frames/);
  });

  it('keeps bulk values out of the data set, with where to read them', () => {
    const pdf = indexPart10File(fileOf('pdf.dcm'));
    expect(pdf.pixelData).toBeUndefined();
    expect(pdf.dataset['00420011']?.Value).toBeUndefined();
    const source = pdf.bulk.get('00420011');
    expect(source?.kind).toBe('file');
    if (source?.kind === 'file') expect(readRanges(pdf.file, [source]).equals(fixtures.pdf)).toBe(true);
    const ctc = indexPart10File(fileOf('ctc.dcm'));
    expect(ctc.bulk.get('00880200/0/7FE00010')?.kind).toBe('memory');
    expect(ctc.bulk.get('7FE00010')).toEqual({ kind: 'pixelData' });
  });

  it('refuses files that are not Part 10', () => {
    const file = path.join(dir, 'text.txt');
    fs.writeFileSync(file, 'hello');
    expect(() => indexPart10File(file)).toThrow(/DICM/);
  });
});
