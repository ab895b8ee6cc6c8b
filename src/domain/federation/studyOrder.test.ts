import { describe, expect, it } from 'vitest';
import { studiesNewestFirst } from './studyOrder.ts';
import type { StudySummary } from './studySummary.ts';
import type { SiteId, StudyUid } from '../dicom/identifiers.ts';

const study = (studyUid: string, siteId: string, date?: [number, number, number], time?: number): StudySummary => ({
  studyUid: studyUid as StudyUid,
  siteId: siteId as SiteId,
  patientId: '1',
  modalities: [],
  ...(date ? { studyDate: { year: date[0], month: date[1], day: date[2] } } : {}),
  ...(time === undefined ? {} : { studyTime: { hour: time } }),
});

describe('study order', () => {
  it('puts the newest first by date then time, undated last, then site and UID', () => {
    const studies = [
      study('1.1', 'chu-dijon', [2023, 5, 1]),
      study('1.2', 'chu-dijon'),
      study('1.3', 'cgfl', [2024, 3, 5], 9),
      study('1.4', 'chu-dijon', [2024, 3, 5], 14),
      study('1.5', 'chu-dijon', [2024, 3, 5]),
      study('1.6', 'cgfl', [2024, 3, 5]),
      study('1.0', 'cgfl'),
    ];
    expect(studiesNewestFirst(studies).map((s) => s.studyUid)).toEqual(['1.4', '1.3', '1.6', '1.5', '1.1', '1.0', '1.2']);
  });

  it('does not change its input', () => {
    const studies = [study('1.1', 'a', [2020, 1, 1]), study('1.2', 'a', [2021, 1, 1])];
    studiesNewestFirst(studies);
    expect(studies.map((s) => s.studyUid)).toEqual(['1.1', '1.2']);
  });
});
