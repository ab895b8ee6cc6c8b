import { describe, expect, it } from 'vitest';
import { firstImageSeries, seriesSummaries } from './seriesChoice.ts';

const qido = (uid: string, modality: string, number: number, count: number) => ({
  '0020000E': { vr: 'UI', Value: [uid] },
  '00080060': { vr: 'CS', Value: [modality] },
  '00200011': { vr: 'IS', Value: [number] },
  '00201209': { vr: 'IS', Value: [count] },
  '0008103E': { vr: 'LO', Value: [`${modality} ${number}`] },
});

describe('seriesSummaries', () => {
  it('reads the QIDO-RS series and drops malformed entries', () => {
    const summaries = seriesSummaries([qido('1.2.3', 'CT', 2, 120), { '0020000E': { vr: 'UI', Value: ['not a uid'] } }, 42]);
    expect(summaries).toEqual([{ seriesUid: '1.2.3', modality: 'CT', description: 'CT 2', number: 2, instanceCount: 120 }]);
    expect(seriesSummaries({})).toEqual([]);
  });
  it('reads Body Part Examined, Slice Thickness and Laterality when the archive returns them', () => {
    const dataset = {
      ...qido('1.2.4', 'MR', 3, 24),
      '00180015': { vr: 'CS', Value: ['knee'] },
      '00180050': { vr: 'DS', Value: [2.5] },
      '00200060': { vr: 'CS', Value: ['l'] },
    };
    expect(seriesSummaries([dataset])[0]).toMatchObject({ bodyPartExamined: 'KNEE', sliceThicknessMm: 2.5, laterality: 'L' });
    expect(Object.keys(seriesSummaries([qido('1.2.5', 'CT', 1, 1)])[0] ?? {})).not.toContain('sliceThicknessMm');
  });
});

describe('firstImageSeries', () => {
  it('skips reports and prefers the cross-sectional series with most instances', () => {
    const series = seriesSummaries([qido('1.1', 'SR', 1, 1), qido('1.2', 'CT', 2, 3), qido('1.3', 'CT', 3, 120), qido('1.4', 'DOC', 4, 1)]);
    expect(firstImageSeries(series)?.seriesUid).toBe('1.3');
  });
  it('falls back to the first image series by number', () => {
    const series = seriesSummaries([qido('1.1', 'KO', 1, 1), qido('1.5', 'OT', 6, 20), qido('1.2', 'CR', 2, 1), qido('1.3', 'PR', 3, 1)]);
    expect(firstImageSeries(series)?.seriesUid).toBe('1.2');
  });
  it('is undefined without an image series', () => {
    expect(firstImageSeries(seriesSummaries([qido('1.1', 'SR', 1, 1)]))).toBeUndefined();
  });
});
