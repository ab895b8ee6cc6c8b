import { describe, expect, it } from 'vitest';
import { isReportModality, patientTimeline, studyHasReport } from './patientTimeline.ts';
import type { StudySummary } from './studySummary.ts';
import type { SiteId, StudyUid } from '../dicom/identifiers.ts';

const study = (studyUid: string, day: number, modalities: string[], hasReport?: boolean): StudySummary => ({
  studyUid: studyUid as StudyUid,
  siteId: 'chu-dijon' as SiteId,
  patientId: '1',
  modalities,
  studyDate: { year: 2024, month: 1, day },
  ...(hasReport === undefined ? {} : { hasReport }),
});

describe('patient timeline', () => {
  it('lists studies newest first with a report marker', () => {
    const timeline = patientTimeline([study('1.1', 1, ['CT']), study('1.2', 3, ['CT', 'SR']), study('1.3', 2, ['DOC'])]);
    expect(timeline.map((entry) => [entry.study.studyUid, entry.hasReport])).toEqual([
      ['1.2', true],
      ['1.3', true],
      ['1.1', false],
    ]);
  });

  it('marks a study with a report series or a report known otherwise', () => {
    const timeline = patientTimeline([study('1.1', 1, ['MR']), study('1.2', 2, ['US'], true)], new Map([['1.1', ['MR', 'sr']]]));
    expect(timeline.map((entry) => entry.hasReport)).toEqual([true, true]);
    expect(studyHasReport(study('1.4', 1, ['MR']), ['MR', 'PR'])).toBe(false);
  });

  it('knows report modalities', () => {
    expect(isReportModality('SR')).toBe(true);
    expect(isReportModality(' doc ')).toBe(true);
    expect(isReportModality('CT')).toBe(false);
  });
});
