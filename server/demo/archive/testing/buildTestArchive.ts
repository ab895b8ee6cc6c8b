/**
 * Test fixtures: a few tiny instances in a temporary folder, covering what the archive must handle — three
 * patients (one with an ISO_IR 100 accented name), native Explicit and Implicit VR Little Endian, a multi-frame,
 * RLE, JPEG-LS and JPEG 2000 with several fragments per frame, a structured report and an encapsulated PDF.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeRle } from './encodeRle.ts';
import { encodeWith } from './encodeWithCodec.ts';
import { writePart10, type Part10Fixture } from './writePart10.ts';

const ROOT = '1.2.826.0.1.3680043.10.1561.9';
export const UID = {
  studyA: `${ROOT}.1`,
  seriesA1: `${ROOT}.1.1`,
  seriesA2: `${ROOT}.1.2`,
  seriesA3: `${ROOT}.1.3`,
  studyB: `${ROOT}.2`,
  seriesB1: `${ROOT}.2.1`,
  seriesB2: `${ROOT}.2.2`,
  seriesB3: `${ROOT}.2.3`,
  studyC: `${ROOT}.3`,
  seriesC1: `${ROOT}.3.1`,
  /** Series A1 instances, by Instance Number. */
  ct1: `${ROOT}.1.1.1`,
  ct2: `${ROOT}.1.1.2`,
  ct3: `${ROOT}.1.1.3`,
  multiFrame: `${ROOT}.1.2.1`,
  sr: `${ROOT}.1.3.1`,
  rle: `${ROOT}.2.1.1`,
  jls: `${ROOT}.2.2.1`,
  j2k: `${ROOT}.2.2.2`,
  pdf: `${ROOT}.2.3.1`,
  ctC: `${ROOT}.3.1.1`,
} as const;

const CT = '1.2.840.10008.5.1.4.1.1.2';
const MR = '1.2.840.10008.5.1.4.1.1.4';
const EXPLICIT = '1.2.840.10008.1.2.1';
const IMPLICIT = '1.2.840.10008.1.2';

export interface TestArchive {
  dir: string;
  files: string[];
  /** Expected bytes of each frame, by SOP Instance UID. */
  frames: Record<string, Buffer[]>;
  pdf: Buffer;
  cleanup(): void;
}

function samples16(count: number, value: (index: number) => number): Buffer {
  const out = Buffer.alloc(count * 2);
  for (let index = 0; index < count; index += 1) out.writeInt16LE(value(index), index * 2);
  return out;
}

function evenLength(bytes: Uint8Array): Uint8Array {
  return bytes.length % 2 === 0 ? bytes : Buffer.concat([bytes, Buffer.alloc(1)]);
}

function splitInTwo(bytes: Uint8Array): Uint8Array[] {
  const cut = Math.floor(bytes.length / 4) * 2;
  return [bytes.subarray(0, cut), evenLength(bytes.subarray(cut))];
}

const image = (rows: number, bits: number, signed: boolean) => ({
  SamplesPerPixel: 1,
  PhotometricInterpretation: 'MONOCHROME2',
  Rows: rows,
  Columns: rows,
  BitsAllocated: bits,
  BitsStored: bits,
  HighBit: bits - 1,
  PixelRepresentation: signed ? 1 : 0,
});

export async function buildTestArchive(): Promise<TestArchive> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-archive-test-'));
  const files: string[] = [];
  const frames: Record<string, Buffer[]> = {};
  const write = (name: string, fixture: Part10Fixture) => {
    const file = path.join(dir, name);
    writePart10(file, fixture);
    files.push(file);
  };

  const patientA = {
    SpecificCharacterSet: 'ISO_IR 100',
    PatientName: 'Qlodie^Martin',
    PatientID: 'A100002',
    IssuerOfPatientID: 'CHU-VDS',
    PatientBirthDate: '19800101',
    PatientSex: 'F',
    StudyInstanceUID: UID.studyA,
    StudyDate: '20240315',
    StudyTime: '101500',
    AccessionNumber: 'ACC-A1',
    StudyID: 'S1',
    StudyDescription: 'CT THORAX',
    ReferringPhysicianName: 'House^Gregory',
  };
  const latin1Patch = { from: 'Qlodie^Martin', to: 'Élodie^Martin' };
  // Series A1: three single-frame CT slices, written out of order.
  for (const number of [3, 1, 2]) {
    const sop = UID[`ct${number}` as 'ct1'];
    const pixels = samples16(64, (index) => index * 7 + number * 100 - 50);
    frames[sop] = [pixels];
    write(`ct${number}.dcm`, {
      transferSyntaxUid: EXPLICIT,
      latin1Patch,
      dataset: {
        ...patientA,
        SOPClassUID: CT,
        SOPInstanceUID: sop,
        Modality: 'CT',
        SeriesInstanceUID: UID.seriesA1,
        SeriesNumber: 1,
        SeriesDescription: 'Axial',
        BodyPartExamined: 'CHEST',
        InstanceNumber: number,
        ...image(8, 16, true),
        RescaleIntercept: -1024,
        RescaleSlope: 1,
        WindowCenter: -1000,
        WindowWidth: 400,
        PixelData: pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.length),
      },
    });
  }
  // Series A2: one multi-frame, Implicit VR Little Endian.
  const multi = [0, 1, 2].map((frame) => samples16(64, (index) => frame * 1000 + index));
  frames[UID.multiFrame] = multi;
  const multiBytes = Buffer.concat(multi);
  write('multiframe.dcm', {
    transferSyntaxUid: IMPLICIT,
    latin1Patch,
    dataset: {
      ...patientA,
      SOPClassUID: CT,
      SOPInstanceUID: UID.multiFrame,
      Modality: 'CT',
      SeriesInstanceUID: UID.seriesA2,
      SeriesNumber: 2,
      InstanceNumber: 1,
      NumberOfFrames: 3,
      ...image(8, 16, false),
      PixelData: multiBytes.buffer.slice(multiBytes.byteOffset, multiBytes.byteOffset + multiBytes.length),
    },
  });
  // Series A3: a structured report, no pixel data.
  write('sr.dcm', {
    transferSyntaxUid: EXPLICIT,
    latin1Patch,
    dataset: { ...patientA, SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11', SOPInstanceUID: UID.sr, Modality: 'SR', SeriesInstanceUID: UID.seriesA3, SeriesNumber: 3, InstanceNumber: 1 },
  });

  const patientB = {
    PatientName: 'DOE^JOHN',
    PatientID: 'B-778899',
    IssuerOfPatientID: 'CACB',
    StudyInstanceUID: UID.studyB,
    StudyDate: '20231101',
    StudyTime: '090000',
    AccessionNumber: 'ACC-B1',
    StudyDescription: 'MR BRAIN',
  };
  const mrBase = { ...patientB, SOPClassUID: MR, Modality: 'MR', ...image(8, 16, false) };
  // Series B1: RLE, two frames, no Basic Offset Table.
  const rleFrames = [0, 1].map((frame) => samples16(64, (index) => (index < 32 ? 500 : 700 + index) + frame));
  frames[UID.rle] = rleFrames.map((pixels) => encodeRle(pixels, 1, 2));
  write('rle.dcm', {
    transferSyntaxUid: '1.2.840.10008.1.2.5',
    encapsulated: { frames: (frames[UID.rle] ?? []).map((frame) => [frame]), offsetTable: false },
    dataset: { ...mrBase, SOPInstanceUID: UID.rle, SeriesInstanceUID: UID.seriesB1, SeriesNumber: 1, InstanceNumber: 1, NumberOfFrames: 2 },
  });
  // Series B2: JPEG-LS (one frame in two fragments) and JPEG 2000 (two frames of two fragments each, with offsets).
  const gradient = samples16(64, (index) => index * 16);
  const jls = evenLength(await encodeWith('@cornerstonejs/codec-charls/wasmjs', 'JpegLSEncoder', gradient));
  frames[UID.jls] = [Buffer.from(jls)];
  write('jls.dcm', {
    transferSyntaxUid: '1.2.840.10008.1.2.4.80',
    encapsulated: { frames: [splitInTwo(jls)], offsetTable: false },
    dataset: { ...mrBase, SOPInstanceUID: UID.jls, SeriesInstanceUID: UID.seriesB2, SeriesNumber: 2, InstanceNumber: 1 },
  });
  const j2kFrames: Uint8Array[] = [];
  for (const frame of [0, 1]) {
    const pixels = samples16(64, (index) => index * 16 + frame);
    j2kFrames.push(evenLength(await encodeWith('@cornerstonejs/codec-openjpeg/wasmjs', 'J2KEncoder', pixels, (encoder) => encoder.setDecompositions?.(0))));
  }
  frames[UID.j2k] = j2kFrames.map((frame) => Buffer.from(frame));
  write('j2k.dcm', {
    transferSyntaxUid: '1.2.840.10008.1.2.4.90',
    encapsulated: { frames: j2kFrames.map(splitInTwo), offsetTable: true },
    dataset: { ...mrBase, SOPInstanceUID: UID.j2k, SeriesInstanceUID: UID.seriesB2, SeriesNumber: 2, InstanceNumber: 2, NumberOfFrames: 2 },
  });
  // Series B3: an encapsulated PDF of 3000 bytes.
  const pdf = Buffer.alloc(3000, 0x20);
  pdf.write('%PDF-1.4\n');
  write('pdf.dcm', {
    transferSyntaxUid: EXPLICIT,
    dataset: {
      ...patientB,
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.104.1',
      SOPInstanceUID: UID.pdf,
      Modality: 'DOC',
      SeriesInstanceUID: UID.seriesB3,
      SeriesNumber: 3,
      InstanceNumber: 1,
      MIMETypeOfEncapsulatedDocument: 'application/pdf',
      EncapsulatedDocument: pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.length),
      _vrMap: { EncapsulatedDocument: 'OB' },
    },
  });

  // Study C: 8-bit CT without a study time, with an icon image (nested bulk data).
  const pixelsC = Buffer.from(Array.from({ length: 64 }, (_, index) => index * 4));
  frames[UID.ctC] = [pixelsC];
  write('ctc.dcm', {
    transferSyntaxUid: EXPLICIT,
    dataset: {
      PatientName: 'Dupont^Jean',
      PatientID: '300042',
      IssuerOfPatientID: 'CHU-VDS',
      StudyInstanceUID: UID.studyC,
      StudyDate: '20220101',
      AccessionNumber: 'ACC-C1',
      SOPClassUID: CT,
      SOPInstanceUID: UID.ctC,
      Modality: 'CT',
      SeriesInstanceUID: UID.seriesC1,
      SeriesNumber: 1,
      InstanceNumber: 1,
      ...image(8, 8, false),
      IconImageSequence: [{ ...image(40, 8, false), PixelData: new Uint8Array(1600).fill(9).buffer, _vrMap: { PixelData: 'OB' } }],
      PixelData: pixelsC.buffer.slice(pixelsC.byteOffset, pixelsC.byteOffset + pixelsC.length),
      _vrMap: { PixelData: 'OB' },
    },
  });
  return { dir, files, frames, pdf, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
