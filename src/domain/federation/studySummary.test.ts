import { describe, expect, it } from 'vitest';
import { isReportSopClass, readQidoStudy, studySummaryFromQido } from './studySummary.ts';
import type { SiteId } from '../dicom/identifiers.ts';

/** A QIDO-RS study result shaped like an Orthanc DICOMweb answer (synthetic patient). */
const orthancStudy = {
  '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
  '00080020': { vr: 'DA', Value: ['20240305'] },
  '00080030': { vr: 'TM', Value: ['143012.250'] },
  '00080050': { vr: 'SH', Value: ['ACC-2024-0042'] },
  '00080061': { vr: 'CS', Value: ['CT', 'sr', 'CT'] },
  '00080090': { vr: 'PN' },
  '00081030': { vr: 'LO', Value: ['TDM THORAX'] },
  '00081190': { vr: 'UR', Value: ['http://127.0.0.1:8042/dicom-web/studies/1.2.250.1.999.1.20240305.1'] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'LEFÈVRE^ÉLODIE' }] },
  '00100020': { vr: 'LO', Value: ['123'] },
  '00100021': { vr: 'LO', Value: ['CHU-DIJON'] },
  '00100030': { vr: 'DA', Value: ['19610412'] },
  '00100040': { vr: 'CS', Value: ['f'] },
  '0020000D': { vr: 'UI', Value: ['1.2.250.1.999.1.20240305.1'] },
  '00200010': { vr: 'SH', Value: ['42'] },
  '00201206': { vr: 'IS', Value: ['3'] },
  '00201208': { vr: 'IS', Value: [245] },
};

describe('study summary from QIDO-RS', () => {
  it('reads every field the worklist shows', () => {
    expect(studySummaryFromQido('chu-dijon', orthancStudy)).toEqual({
      studyUid: '1.2.250.1.999.1.20240305.1',
      siteId: 'chu-dijon',
      patientId: '123',
      issuerOfPatientId: 'CHU-DIJON',
      patientName: { Alphabetic: 'LEFÈVRE^ÉLODIE' },
      patientBirthDate: { year: 1961, month: 4, day: 12 },
      patientSex: 'F',
      studyDate: { year: 2024, month: 3, day: 5 },
      studyTime: { hour: 14, minute: 30, second: 12, microsecond: 250000 },
      modalities: ['CT', 'SR'],
      description: 'TDM THORAX',
      accessionNumber: 'ACC-2024-0042',
      seriesCount: 3,
      instanceCount: 245,
      hasReport: true,
    });
  });

  it('tolerates a study reduced to its identifiers', () => {
    const minimal = { '0020000D': { vr: 'UI', Value: ['1.2.3.4'] }, '00100020': { vr: 'LO', Value: ['P1'] } };
    expect(studySummaryFromQido('cgfl', minimal)).toEqual({ studyUid: '1.2.3.4', siteId: 'cgfl', patientId: 'P1', modalities: [] });
  });

  it('leaves out malformed optional fields', () => {
    const odd = {
      ...orthancStudy,
      '00080020': { vr: 'DA', Value: ['2024-03-05'] },
      '00080030': { vr: 'TM' },
      '00100010': { vr: 'PN', Value: ['not an object but text'] },
      '00100030': { vr: 'DA', Value: ['1961'] },
      '00201206': { vr: 'IS', Value: ['-1'] },
      '00201208': { vr: 'IS', Value: ['2.5'] },
      '00080061': { vr: 'CS', Value: ['MR\\CT'] },
    };
    const study = studySummaryFromQido('chu-dijon', odd);
    expect(study?.studyDate).toBeUndefined();
    expect(study?.studyTime).toBeUndefined();
    expect(study?.patientBirthDate).toBeUndefined();
    expect(study?.seriesCount).toBeUndefined();
    expect(study?.instanceCount).toBeUndefined();
    expect(study?.modalities).toEqual(['MR', 'CT']);
    expect(study?.patientName).toEqual({ Alphabetic: 'not an object but text' });
    expect(study?.hasReport).toBeUndefined();
  });

  it('falls back on Modality when Modalities in Study is missing', () => {
    const { '00080061': _, ...withoutModalities } = orthancStudy;
    expect(studySummaryFromQido('chu-dijon', { ...withoutModalities, '00080060': { vr: 'CS', Value: ['DOC'] } })?.modalities).toEqual(['DOC']);
  });

  it('tells a report from SOP Classes in Study', () => {
    const withClasses = { ...orthancStudy, '00080061': { vr: 'CS', Value: ['CT'] }, '00080062': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.104.1'] } };
    expect(studySummaryFromQido('chu-dijon', withClasses)).toMatchObject({ hasReport: true, sopClasses: ['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.104.1'] });
    expect(isReportSopClass('1.2.840.10008.5.1.4.1.1.88.22')).toBe(true);
    expect(isReportSopClass('1.2.840.10008.5.1.4.1.1.2')).toBe(false);
  });

  it('explains what makes a result unusable', () => {
    const site = 'chu-dijon' as SiteId;
    expect(readQidoStudy(site, {})).toEqual({ reason: 'no-study-uid' });
    expect(readQidoStudy(site, { '0020000D': { vr: 'UI', Value: ['not-a-uid'] } })).toEqual({ reason: 'no-study-uid', studyUid: 'not-a-uid' });
    expect(readQidoStudy(site, { '0020000D': { vr: 'UI', Value: ['1.2.3'] } })).toEqual({ reason: 'no-patient-id', studyUid: '1.2.3' });
    expect(readQidoStudy(site, { '0020000D': { vr: 'UI', Value: ['1.02.3'] }, '00100020': { vr: 'LO', Value: ['X'] } })).toMatchObject({
      study: { studyUid: '1.02.3' },
    });
  });

  it.each([null, [], 'text', 42, { '0020000D': 'x' }])('never throws on %j', (dataset) => {
    expect(studySummaryFromQido('chu-dijon', dataset)).toBeUndefined();
  });

  it('refuses an invalid site id', () => {
    expect(studySummaryFromQido('CHU DIJON', orthancStudy)).toBeUndefined();
  });
});
