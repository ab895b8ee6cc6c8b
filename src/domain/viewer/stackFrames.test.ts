import { describe, expect, it } from 'vitest';
import type { SeriesUid, StudyUid } from '../dicom/identifiers.ts';
import { framePath, stackFrames } from './stackFrames.ts';

const instance = (uid: string, instanceNumber: number, z: number | undefined, extra: Record<string, unknown> = {}) => ({
  '00080018': { vr: 'UI', Value: [uid] },
  '00200013': { vr: 'IS', Value: [instanceNumber] },
  '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
  ...(z === undefined ? {} : { '00200032': { vr: 'DS', Value: [-100, -100, z] } }),
  ...extra,
});

describe('stackFrames', () => {
  it('orders single-frame instances by slice position, not Instance Number', () => {
    const frames = stackFrames([instance('1.3', 1, 10), instance('1.1', 2, 30), instance('1.2', 3, 20)]);
    expect(frames.map((frame) => frame.sopInstanceUid)).toEqual(['1.1', '1.2', '1.3']);
    expect(frames.map((frame) => frame.position?.[2])).toEqual([30, 20, 10]);
    expect(frames[0]).toMatchObject({ frameNumber: 1, numberOfFrames: 1 });
  });

  it('makes a multi-frame instance a stack of its frames, with per-frame positions when present', () => {
    const perFrame = [5, 10].map((z) => ({ '00209113': { vr: 'SQ', Value: [{ '00200032': { vr: 'DS', Value: [0, 0, z] } }] } }));
    const multi = instance('1.9', 1, undefined, {
      '00280008': { vr: 'IS', Value: ['2'] },
      '52009230': { vr: 'SQ', Value: perFrame },
    });
    const frames = stackFrames([multi]);
    expect(frames.map((frame) => [frame.frameNumber, frame.position?.[2]])).toEqual([
      [1, 5],
      [2, 10],
    ]);
  });

  it('leaves out instances without a usable SOP Instance UID and tolerates junk', () => {
    expect(stackFrames([instance('x', 1, 0), 'junk', null])).toEqual([]);
    expect(stackFrames({ not: 'a list' })).toEqual([]);
  });
});

describe('framePath', () => {
  it('builds the frame URL from the same-origin root, whatever the archive wrote', () => {
    const [frame] = stackFrames([
      instance('1.5', 1, 0, { '7FE00010': { vr: 'OW', BulkDataURI: 'http://127.0.0.1:8042/dicom-web/elsewhere' } }),
    ]);
    expect(framePath('/sites/chu/dicom-web', '1.2' as StudyUid, '1.3' as SeriesUid, frame!)).toBe(
      '/sites/chu/dicom-web/studies/1.2/series/1.3/instances/1.5/frames/1',
    );
  });
});
