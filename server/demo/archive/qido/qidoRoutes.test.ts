import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UID } from '../testing/buildTestArchive.ts';
import { get, startTestArchive, type RunningTestArchive } from '../testing/startTestArchive.ts';

type Json = Record<string, { vr: string; Value?: unknown[] }>;

describe('QIDO-RS (PS3.18 §10.6)', () => {
  let archive: RunningTestArchive;
  beforeAll(async () => {
    archive = await startTestArchive();
  });
  afterAll(() => archive.close());

  const search = async (path: string, accept = 'application/dicom+json') => {
    const response = await get(`${archive.url}${path}`, accept);
    return { ...response, json: response.status === 200 ? (JSON.parse(response.body.toString('utf8')) as Json[]) : [] };
  };
  const studyUids = async (query: string) => {
    const { status, json } = await search(`/studies?${query}`);
    expect(status).toBe(200);
    return json.map((study) => study['0020000D']?.Value?.[0]);
  };
  const value = (item: Json | undefined, tag: string) => item?.[tag]?.Value?.[0];

  it('lists studies newest first, with the default study attributes', async () => {
    const { status, headers, json } = await search('/studies');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/dicom+json; charset=utf-8');
    expect(json.map((study) => value(study, '0020000D'))).toEqual([UID.studyA, UID.studyB, UID.studyC]);
    const [a, b] = json;
    expect(a?.['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Élodie^Martin' }] });
    expect(a?.['00080061']?.Value).toEqual(['CT', 'SR']);
    expect(b?.['00080061']?.Value).toEqual(['DOC', 'MR']);
    expect(value(a, '00201206')).toBe(3);
    expect(value(a, '00201208')).toBe(5);
    expect(value(b, '00201208')).toBe(4);
    expect(value(a, '00100021')).toBe('CHU-VDS');
    expect(value(a, '00081030')).toBe('CT THORAX');
    expect(value(a, '00080090')).toEqual({ Alphabetic: 'House^Gregory' });
    expect(value(a, '00081190')).toBe(`${archive.url}/studies/${UID.studyA}`);
    expect(Object.keys(a ?? {})).toEqual(Object.keys(a ?? {}).sort());
  });

  it('matches patient identity exactly, by keyword or by tag', async () => {
    expect(await studyUids('PatientID=A100002')).toEqual([UID.studyA]);
    expect(await studyUids('PatientID=a100002')).toEqual([]);
    expect(await studyUids('PatientID=300042&IssuerOfPatientID=CHU-VDS')).toEqual([UID.studyC]);
    expect(await studyUids('IssuerOfPatientID=CACB')).toEqual([UID.studyB]);
    expect(await studyUids('00100021=CHU-VDS')).toEqual([UID.studyA, UID.studyC]);
    expect(await studyUids('00100020=B-778899')).toEqual([UID.studyB]);
  });

  it('matches names case-insensitively, with * and ? wildcards, decoding ISO_IR 100', async () => {
    expect(await studyUids(`PatientName=${encodeURIComponent('élodie*')}`)).toEqual([UID.studyA]);
    expect(await studyUids(`PatientName=${encodeURIComponent('ÉLODIE^MARTIN')}`)).toEqual([UID.studyA]);
    expect(await studyUids('PatientName=doe^john')).toEqual([UID.studyB]);
    expect(await studyUids('PatientName=DOE')).toEqual([]);
    expect(await studyUids('PatientName=D*')).toEqual([UID.studyB, UID.studyC]);
    expect(await studyUids('PatientName=%3Fupont*')).toEqual([UID.studyC]);
  });

  it('matches dates and date ranges, open-ended included', async () => {
    expect(await studyUids('StudyDate=20231101')).toEqual([UID.studyB]);
    expect(await studyUids('StudyDate=20230101-20231231')).toEqual([UID.studyB]);
    expect(await studyUids('StudyDate=-20231231')).toEqual([UID.studyB, UID.studyC]);
    expect(await studyUids('StudyDate=20230101-')).toEqual([UID.studyA, UID.studyB]);
    expect(await studyUids('StudyDate=20240101-20230101')).toEqual([]);
    expect(await studyUids('StudyTime=0800-1000')).toEqual([UID.studyB]);
  });

  it('answers 400 with the reason for a malformed query', async () => {
    for (const query of ['StudyDate=2023', 'StudyDate=20230101-2024', 'StudyDate=-', 'StudyDate=abc', 'limit=-1', 'offset=x', 'NoSuchKeyword=1', 'includefield=Nope']) {
      const { status, body } = await search(`/studies?${query}`);
      expect(status, query).toBe(400);
      expect(JSON.parse(body.toString()).error, query).toMatch(/\w/);
    }
    expect(JSON.parse((await search('/studies?StudyDate=2023')).body.toString()).error).toContain('StudyDate');
  });

  it('matches Modalities in Study against any series, Accession Number, and UID lists', async () => {
    expect(await studyUids('ModalitiesInStudy=MR')).toEqual([UID.studyB]);
    expect(await studyUids('ModalitiesInStudy=CT')).toEqual([UID.studyA, UID.studyC]);
    expect(await studyUids('ModalitiesInStudy=SR')).toEqual([UID.studyA]);
    expect(await studyUids('ModalitiesInStudy=MR%5CSR')).toEqual([UID.studyA, UID.studyB]);
    expect(await studyUids('AccessionNumber=ACC-B1')).toEqual([UID.studyB]);
    expect(await studyUids(`StudyInstanceUID=${UID.studyC},${UID.studyA}`)).toEqual([UID.studyA, UID.studyC]);
    expect(await studyUids(`StudyInstanceUID=${UID.studyB}%5C${UID.studyC}`)).toEqual([UID.studyB, UID.studyC]);
    expect(await studyUids('fuzzymatching=true&PatientID=A100002')).toEqual([UID.studyA]);
  });

  it('pages with limit and offset, warning when matches remain', async () => {
    const first = await search('/studies?limit=2');
    expect(first.json.map((study) => value(study, '0020000D'))).toEqual([UID.studyA, UID.studyB]);
    expect(first.headers.get('warning')).toMatch(/^299 \S+ "There are additional results that can be requested"$/);
    const second = await search('/studies?limit=2&offset=2');
    expect(second.json.map((study) => value(study, '0020000D'))).toEqual([UID.studyC]);
    expect(second.headers.get('warning')).toBeNull();
    expect((await search('/studies?limit=3')).headers.get('warning')).toBeNull();
    const beyond = await search('/studies?offset=10');
    expect(beyond.status).toBe(200);
    expect(beyond.json).toEqual([]);
  });

  it('adds includefield attributes, and everything for includefield=all', async () => {
    const { json } = await search(`/studies?StudyInstanceUID=${UID.studyB}&includefield=SOPClassesInStudy,00080005`);
    expect(json[0]?.['00080062']?.Value).toContain('1.2.840.10008.5.1.4.1.1.104.1');
    const all = await search(`/studies/${UID.studyA}/series/${UID.seriesA1}/instances?includefield=all&limit=1`);
    expect(value(all.json[0], '00281052')).toBe(-1024);
    expect(value(all.json[0], '00181030')).toBeUndefined();
    expect(all.json[0]?.['7FE00010']).toBeUndefined();
  });

  it('negotiates the JSON media type', async () => {
    expect((await search('/studies', 'application/json')).headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await search('/studies', '*/*')).headers.get('content-type')).toBe('application/dicom+json; charset=utf-8');
    expect((await search('/studies', 'multipart/related; type="application/dicom+xml"')).status).toBe(406);
    const none = await fetch(`${archive.url}/studies`);
    expect(none.headers.get('content-type')).toBe('application/dicom+json; charset=utf-8');
  });

  it('searches series, in a study or across studies with the study attributes', async () => {
    const inStudy = await search(`/studies/${UID.studyA}/series`);
    expect(inStudy.json.map((series) => value(series, '0020000E'))).toEqual([UID.seriesA1, UID.seriesA2, UID.seriesA3]);
    expect(inStudy.json.map((series) => value(series, '00201209'))).toEqual([3, 1, 1]);
    expect(inStudy.json.map((series) => value(series, '00080060'))).toEqual(['CT', 'CT', 'SR']);
    expect(value(inStudy.json[0], '00180015')).toBe('CHEST');
    expect(value(inStudy.json[0], '00081190')).toBe(`${archive.url}/studies/${UID.studyA}/series/${UID.seriesA1}`);
    const mr = await search('/series?Modality=MR');
    expect(mr.json.map((series) => value(series, '0020000E'))).toEqual([UID.seriesB1, UID.seriesB2]);
    expect(value(mr.json[0], '00100020')).toBe('B-778899');
    expect((await search('/series?PatientID=300042')).json).toHaveLength(1);
    expect((await search('/studies/1.2.3.4/series')).status).toBe(404);
  });

  it('searches instances at every scope', async () => {
    const inSeries = await search(`/studies/${UID.studyA}/series/${UID.seriesA1}/instances`);
    expect(inSeries.json.map((instance) => value(instance, '00080018'))).toEqual([UID.ct1, UID.ct2, UID.ct3]);
    expect(inSeries.json.map((instance) => value(instance, '00200013'))).toEqual([1, 2, 3]);
    expect(value(inSeries.json[0], '00280010')).toBe(8);
    expect(value(inSeries.json[0], '00280100')).toBe(16);
    const inStudy = await search(`/studies/${UID.studyB}/instances`);
    expect(inStudy.json).toHaveLength(4);
    expect(value(inStudy.json.find((instance) => value(instance, '00080018') === UID.rle), '00280008')).toBe(2);
    expect(value(inStudy.json[0], '00080060')).toBe('MR');
    const pdf = await search('/instances?SOPClassUID=1.2.840.10008.5.1.4.1.1.104.1');
    expect(pdf.json.map((instance) => value(instance, '00080018'))).toEqual([UID.pdf]);
    expect(value(pdf.json[0], '00100020')).toBe('B-778899');
    expect((await search('/instances?PatientID=B-778899&Modality=MR')).json).toHaveLength(3);
    expect((await search(`/studies/${UID.studyA}/series/1.2.3/instances`)).status).toBe(404);
  });
});
