/**
 * Test fixture writer: a Part 10 file (PS3.10 §7.1) from a naturalized data set, written by dcmjs, with the Pixel
 * Data either native (written by dcmjs) or encapsulated (PS3.5 §A.4, appended by hand so that the fragments, Basic
 * Offset Table and item layout are exactly those asked for).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

interface DcmjsWriter {
  data: {
    DicomDict: new (meta: unknown) => { dict: unknown; write(): ArrayBuffer };
    DicomMetaDictionary: { denaturalizeDataset(dataset: Record<string, unknown>): unknown };
  };
}

const dcmjs = createRequire(import.meta.url)('dcmjs') as DcmjsWriter;

export interface EncapsulatedPixels {
  /** Fragments of each frame (each of even length). */
  frames: Uint8Array[][];
  /** Whether to fill in the Basic Offset Table. */
  offsetTable: boolean;
}

export interface Part10Fixture {
  dataset: Record<string, unknown>;
  transferSyntaxUid: string;
  encapsulated?: EncapsulatedPixels;
  /**
   * Replaces the ASCII text `from` by the same-length Latin-1 bytes of `to`, e.g. to store a name in ISO_IR 100
   * (dcmjs writes the Specific Character Set it is given, but encodes text in UTF-8 whatever it says).
   */
  latin1Patch?: { from: string; to: string };
}

function encapsulatedElement(pixels: EncapsulatedPixels): Buffer {
  const item = (bytes: Uint8Array) => {
    const header = Buffer.alloc(8);
    header.writeUInt16LE(0xfffe, 0);
    header.writeUInt16LE(0xe000, 2);
    header.writeUInt32LE(bytes.length, 4);
    return Buffer.concat([header, bytes]);
  };
  const table = Buffer.alloc(pixels.offsetTable ? pixels.frames.length * 4 : 0);
  let offset = 0;
  pixels.frames.forEach((fragments, index) => {
    if (pixels.offsetTable) table.writeUInt32LE(offset, index * 4);
    offset += fragments.reduce((sum, fragment) => sum + 8 + fragment.length, 0);
  });
  const header = Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  const delimiter = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  return Buffer.concat([header, item(table), ...pixels.frames.flat().map(item), delimiter]);
}

export function writePart10(file: string, fixture: Part10Fixture): Buffer {
  const dataset = fixture.dataset;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: fixture.transferSyntaxUid,
    ImplementationClassUID: '1.2.826.0.1.3680043.10.1561.1',
  };
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({ _vrMap: { PixelData: 'OW' }, ...dataset });
  let bytes = Buffer.from(dict.write());
  if (fixture.encapsulated) bytes = Buffer.concat([bytes, encapsulatedElement(fixture.encapsulated)]);
  if (fixture.latin1Patch) {
    const { from, to } = fixture.latin1Patch;
    const at = bytes.indexOf(from, 0, 'latin1');
    if (at < 0) throw new Error(`"${from}" is not in the written file`);
    bytes.write(to, at, 'latin1');
  }
  fs.writeFileSync(file, bytes);
  return bytes;
}
