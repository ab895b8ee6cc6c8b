import * as dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { part10Json, type ParsedDataSet } from './part10Json.ts';

const LONG = new Set(['OB', 'OW', 'SQ', 'UN', 'UT', 'UC', 'UR']);

/** One explicit VR little endian element (value padded to an even length as PS3.5 §7.1.2 has it). */
function element(group: number, number: number, vr: string, value: Uint8Array): Uint8Array {
  const padded = value.length % 2 === 0 ? value : Uint8Array.of(...value, vr === 'UI' || vr === 'OB' ? 0 : 0x20);
  const header = new Uint8Array(LONG.has(vr) ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, group, true);
  view.setUint16(2, number, true);
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  if (LONG.has(vr)) view.setUint32(8, padded.length, true);
  else view.setUint16(6, padded.length, true);
  return Uint8Array.of(...header, ...padded);
}

const ascii = (text: string) => new TextEncoder().encode(text);
const uint16 = (...values: number[]) => new Uint8Array(Uint16Array.from(values).buffer);
const float64 = (...values: number[]) => new Uint8Array(Float64Array.from(values).buffer);

function dataSet(...elements: Uint8Array[]): ParsedDataSet {
  const bytes = Uint8Array.from(elements.flatMap((part) => [...part]));
  const parsed = dicomParser.parseDicom(bytes, { TransferSyntaxUID: '1.2.840.10008.1.2.1' });
  // The parser adds the syntax it was told as a meta element of its own: not the file's.
  delete parsed.elements.x00020010;
  return parsed as unknown as ParsedDataSet;
}

describe('part10Json', () => {
  it('gives strings, numbers, names and decimal strings as an archive’s metadata does', () => {
    const json = part10Json(
      dataSet(
        element(0x0008, 0x0060, 'CS', ascii('CT')),
        element(0x0008, 0x0018, 'UI', ascii('1.2.3')),
        element(0x0010, 0x0010, 'PN', ascii('DOE^JANE')),
        element(0x0020, 0x0013, 'IS', ascii('42')),
        element(0x0020, 0x0032, 'DS', ascii('-250\\-250\\12.5')),
        element(0x0028, 0x0010, 'US', uint16(512)),
        element(0x0018, 0x9087, 'FD', float64(1000.5)),
        element(0x0028, 0x1050, 'DS', ascii('40\\400')),
        element(0x0008, 0x103e, 'LO', ascii(' Whole body ')),
      ),
    );
    expect(json).toEqual({
      '00080018': { vr: 'UI', Value: ['1.2.3'] },
      '00080060': { vr: 'CS', Value: ['CT'] },
      '0008103E': { vr: 'LO', Value: ['Whole body'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE' }] },
      '00189087': { vr: 'FD', Value: [1000.5] },
      '00200013': { vr: 'IS', Value: [42] },
      '00200032': { vr: 'DS', Value: [-250, -250, 12.5] },
      '00280010': { vr: 'US', Value: [512] },
      '00281050': { vr: 'DS', Value: [40, 400] },
    });
  });

  it('keeps sequences item by item, and an empty value as its VR alone', () => {
    const code = element(0x0008, 0x0100, 'SH', ascii('T-D0050'));
    const item = Uint8Array.of(0xfe, 0xff, 0x00, 0xe0, ...new Uint8Array(new Uint32Array([code.length]).buffer), ...code);
    const json = part10Json(dataSet(element(0x0008, 0x0020, 'DA', new Uint8Array()), element(0x0008, 0x2218, 'SQ', item)));
    expect(json).toEqual({
      '00080020': { vr: 'DA' },
      '00082218': { vr: 'SQ', Value: [{ '00080100': { vr: 'SH', Value: ['T-D0050'] } }] },
    });
  });

  it('leaves Pixel Data out and keeps a colour table as inline binary', () => {
    const json = part10Json(dataSet(element(0x0028, 0x1201, 'OW', uint16(0, 65535)), element(0x7fe0, 0x0010, 'OW', uint16(1, 2, 3, 4))));
    expect(json).toEqual({ '00281201': { vr: 'OW', InlineBinary: 'AAD//w==' } });
  });

  it('reads UTF-8 text where the character set says so', () => {
    const json = part10Json(dataSet(element(0x0008, 0x0005, 'CS', ascii('ISO_IR 192')), element(0x0010, 0x0010, 'PN', ascii('Fran\u00e7ois^\u00c9lise'))));
    expect(json?.['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Fran\u00e7ois^\u00c9lise' }] });
  });

  it('gives up on a data set without VRs (implicit VR)', () => {
    const bytes = Uint8Array.of(0x08, 0x00, 0x60, 0x00, 2, 0, 0, 0, 0x43, 0x54);
    const parsed = dicomParser.parseDicom(bytes, { TransferSyntaxUID: '1.2.840.10008.1.2' }) as unknown as ParsedDataSet;
    expect(part10Json(parsed)).toBeUndefined();
  });
});
