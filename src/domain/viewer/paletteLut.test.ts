import { describe, expect, it } from 'vitest';
import type { DicomJsonDataset } from '../dicom/dicomJson.ts';
import { lutEntries, missingLutSources, withLutValues } from './paletteLut.ts';

const words = (values: number[]) => new Uint8Array(new Uint16Array(values).buffer);
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function palette(extra: Record<string, unknown>): DicomJsonDataset {
  return {
    '00280004': { vr: 'CS', Value: ['PALETTE COLOR'] },
    '00281101': { vr: 'US', Value: [4, 0, 16] },
    '00281102': { vr: 'US', Value: [4, 0, 16] },
    '00281103': { vr: 'US', Value: [4, 0, 16] },
    ...extra,
  } as DicomJsonDataset;
}

describe('palette colour tables from WADO-RS metadata', () => {
  it('finds tables sent inline or as bulk data, and leaves those with values', () => {
    const instance = palette({
      '00281201': { vr: 'OW', InlineBinary: base64(words([0, 100, 200, 65535])) },
      '00281202': { vr: 'OW', BulkDataURI: 'http://archive/studies/1/series/2/instances/3/bulk/00281202' },
      '00281203': { vr: 'OW', Value: [1, 2, 3, 4] },
    });
    const sources = missingLutSources(instance);
    expect(sources.map((source) => [source.tag, source.kind])).toEqual([
      ['00281201', 'inline'],
      ['00281202', 'bulk'],
    ]);
  });

  it('fills the values the image loader reads, from 16-bit words or bytes', () => {
    const instance = palette({ '00281201': { vr: 'OW', InlineBinary: 'AAA=' } });
    const filled = withLutValues(instance, new Map([['00281201', words([0, 100, 200, 65535])], ['00281202', new Uint8Array([9, 8, 7, 6])]]));
    expect(filled['00281201']).toEqual({ vr: 'OW', Value: [0, 100, 200, 65535] });
    expect(filled['00281202']).toEqual({ vr: 'OW', Value: [9, 8, 7, 6] });
    expect(filled['00281203']).toBeUndefined();
  });

  it('ignores other images, and a descriptor of 0 entries means 65536', () => {
    expect(missingLutSources({ '00280004': { vr: 'CS', Value: ['RGB'] } } as DicomJsonDataset)).toEqual([]);
    expect(lutEntries(new Uint8Array(2 * 65536), 0)).toHaveLength(65536);
  });
});
