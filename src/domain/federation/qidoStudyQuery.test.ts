import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_PAGE_SIZE, STUDY_SUMMARY_FIELDS, qidoQueryString, qidoStudyQuery } from './qidoStudyQuery.ts';

const dijon = { id: 'chu-dijon', issuerOfPatientId: 'CHU-DIJON' };
const includes = STUDY_SUMMARY_FIELDS.map((field) => ['includefield', field] as const);

describe('QIDO-RS study query (PS3.18 §10.6)', () => {
  it('maps every criterion to its matching key', () => {
    const query = qidoStudyQuery(
      dijon,
      {
        patientName: 'durand',
        patientId: { siteId: 'chu-dijon', value: ' 123 ' },
        studyDateFrom: { year: 2024, month: 1, day: 1 },
        studyDateTo: { year: 2024, month: 3, day: 31 },
        modality: 'ct',
        accessionNumber: 'ACC-1',
      },
      { pageSize: 50, offset: 100, nameMatching: 'archive' },
    );
    expect(query).toEqual({
      kind: 'query',
      pageSize: 50,
      offset: 100,
      parameters: [
        ['PatientName', 'DURAND*'],
        ['PatientID', '123'],
        ['IssuerOfPatientID', 'CHU-DIJON'],
        ['StudyDate', '20240101-20240331'],
        ['ModalitiesInStudy', 'CT'],
        ['AccessionNumber', 'ACC-1'],
        ['fuzzymatching', 'false'],
        ...includes,
        ['limit', '51'],
        ['offset', '100'],
      ],
    });
  });

  it('asks for one more study than the page, to tell truncation', () => {
    expect(qidoStudyQuery(dijon, {})).toEqual({
      kind: 'query',
      pageSize: DEFAULT_STUDY_PAGE_SIZE,
      offset: 0,
      parameters: [['fuzzymatching', 'false'], ...includes, ['limit', String(DEFAULT_STUDY_PAGE_SIZE + 1)]],
    });
    expect(qidoStudyQuery(dijon, {}, { pageSize: 0, offset: -3 })).toMatchObject({ pageSize: DEFAULT_STUDY_PAGE_SIZE, offset: 0 });
  });

  it('asks for the attributes a study summary needs', () => {
    expect(STUDY_SUMMARY_FIELDS).toEqual(expect.arrayContaining(['IssuerOfPatientID', 'StudyDescription', 'PatientBirthDate', 'PatientSex', 'NumberOfStudyRelatedSeries']));
  });

  it('builds open-ended date ranges', () => {
    const from = qidoStudyQuery(dijon, { studyDateFrom: { year: 2024, month: 1, day: 1 } });
    expect(from.kind === 'query' && from.parameters).toContainEqual(['StudyDate', '20240101-']);
    const to = qidoStudyQuery(dijon, { studyDateTo: { year: 2024, month: 1, day: 1 } });
    expect(to.kind === 'query' && to.parameters).toContainEqual(['StudyDate', '-20240101']);
  });

  it('sends a broad name pattern by default', () => {
    const query = qidoStudyQuery(dijon, { patientName: 'Lefèvre' });
    expect(query.kind === 'query' && query.parameters[0]).toEqual(['PatientName', 'L*F*VR*']);
  });

  it('never sends a Patient ID to a site of another domain', () => {
    expect(qidoStudyQuery(dijon, { patientId: { siteId: 'cgfl', value: '123' } })).toEqual({ kind: 'skip', reason: 'patient-id-of-another-site' });
  });

  it('refuses invalid criteria rather than widen the search', () => {
    const query = qidoStudyQuery(dijon, { studyDateFrom: { year: 2024, month: 2, day: 1 }, studyDateTo: { year: 2024, month: 1, day: 1 } });
    expect(query).toEqual({ kind: 'invalid', problems: [{ field: 'studyDateFrom', reason: 'is after the end of the date range' }] });
    expect(qidoStudyQuery(dijon, { patientId: { siteId: 'chu-dijon', value: '12*' } })).toMatchObject({ kind: 'invalid' });
  });

  it('encodes the query string', () => {
    expect(qidoQueryString([['PatientName', 'D*R?ND^É'], ['StudyDate', '20240101-'], ['includefield', 'PatientSex'], ['x', 'a&b=c']])).toBe(
      'PatientName=D*R%3FND%5E%C3%89&StudyDate=20240101-&includefield=PatientSex&x=a%26b%3Dc',
    );
  });
});
