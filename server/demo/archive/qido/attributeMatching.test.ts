import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../http/httpProblem.ts';
import { buildMatcher } from './attributeMatching.ts';

describe('QIDO attribute matching (PS3.4 §C.2.2.2)', () => {
  it('matches everything for an empty value (universal matching)', () => {
    expect(buildMatcher('LO', '', 'PatientID')([])).toBe(true);
  });

  it('matches UID lists separated by comma or backslash', () => {
    const match = buildMatcher('UI', '1.2.3,1.2.4\\1.2.5', 'StudyInstanceUID');
    expect(['1.2.3', '1.2.4', '1.2.5', '1.2.6'].map((uid) => match([uid]))).toEqual([true, true, true, false]);
  });

  it('matches dates, single or in closed and open ranges', () => {
    const inRange = (query: string, value: string) => buildMatcher('DA', query, 'StudyDate')([value]);
    expect(inRange('20240101', '20240101')).toBe(true);
    expect(inRange('20240101', '20240102')).toBe(false);
    expect(inRange('20240101-20240131', '20240131')).toBe(true);
    expect(inRange('20240101-20240131', '20240201')).toBe(false);
    expect(inRange('-20240131', '19991231')).toBe(true);
    expect(inRange('20240101-', '20991231')).toBe(true);
    expect(inRange('20240101-', '20231231')).toBe(false);
    expect(buildMatcher('DA', '20240101', 'StudyDate')([])).toBe(false);
  });

  it('matches times and date-times with partial precision', () => {
    expect(buildMatcher('TM', '10-11', 'StudyTime')(['115959.5'])).toBe(true);
    expect(buildMatcher('TM', '10-11', 'StudyTime')(['120000'])).toBe(false);
    expect(buildMatcher('TM', '1015', 'StudyTime')(['101530'])).toBe(true);
    expect(buildMatcher('DT', '20240101-20240102', 'AcquisitionDateTime')(['20240102235959'])).toBe(true);
    expect(buildMatcher('DT', '-202401011200', 'AcquisitionDateTime')(['20240101120100'])).toBe(false);
  });

  it('rejects malformed temporal values with 400', () => {
    for (const query of ['2024', '2024-01-01', '-', 'x-20240101', '20240101-20240101-20240101']) {
      expect(() => buildMatcher('DA', query, 'StudyDate'), query).toThrow(HttpProblem);
    }
    expect(() => buildMatcher('TM', '25:00', 'StudyTime')).toThrow(/StudyTime/);
  });

  it('matches person names with wildcards, ignoring case and trailing empty components', () => {
    const name = [{ Alphabetic: 'Élodie^Martin^^' }];
    expect(buildMatcher('PN', 'élodie^martin', 'PatientName')(name)).toBe(true);
    expect(buildMatcher('PN', 'ÉLODIE*', 'PatientName')(name)).toBe(true);
    expect(buildMatcher('PN', '?lodie^M*', 'PatientName')(name)).toBe(true);
    expect(buildMatcher('PN', 'Elodie*', 'PatientName')(name)).toBe(false);
    expect(buildMatcher('PN', 'Élodie', 'PatientName')(name)).toBe(false);
  });

  it('matches other strings exactly or with wildcards, case-sensitively, and code strings by alternatives', () => {
    expect(buildMatcher('SH', 'ACC-1', 'AccessionNumber')(['ACC-1'])).toBe(true);
    expect(buildMatcher('SH', 'acc-1', 'AccessionNumber')(['ACC-1'])).toBe(false);
    expect(buildMatcher('SH', 'ACC*', 'AccessionNumber')(['ACC-1'])).toBe(true);
    expect(buildMatcher('SH', 'A.C*', 'AccessionNumber')(['ACC-1'])).toBe(false);
    expect(buildMatcher('CS', 'MR\\CT', 'ModalitiesInStudy')(['SR', 'CT'])).toBe(true);
  });

  it('matches numbers by value and refuses sequences', () => {
    expect(buildMatcher('IS', '3', 'SeriesNumber')([3])).toBe(true);
    expect(buildMatcher('US', '8', 'Rows')([16])).toBe(false);
    expect(() => buildMatcher('IS', 'three', 'SeriesNumber')).toThrow(HttpProblem);
    expect(() => buildMatcher('SQ', 'x', 'ReferencedSeriesSequence')).toThrow(HttpProblem);
  });
});
