import { describe, expect, it } from 'vitest';
import { parseIidRequest } from './iidRequest.ts';
import { launchTestSites as sites } from './testSites.ts';
import {
  filtersForSite,
  worklistSearchForPatientLaunch,
  worklistSearchFromUrl,
  worklistUrlForPatientLaunch,
  worklistUrlFromSearch,
  type WorklistSearch,
} from './worklistUrl.ts';

const read = (url: string) => worklistSearchFromUrl(new URL(url, 'http://viewer.test').searchParams, sites);

function patientLaunch(parameters: Record<string, string>) {
  const request = parseIidRequest(new URLSearchParams({ requestType: 'PATIENT', ...parameters }), sites);
  if (request.kind !== 'patient') throw new Error(`not a patient launch: ${JSON.stringify(request)}`);
  return request;
}

describe('worklist URL of a patient launch', () => {
  it('names the patient ID and its site', () => {
    expect(worklistUrlForPatientLaunch(patientLaunch({ patientID: 'A100001^^^CHU-DIJON' }))).toBe('/?patientId=A100001&patientIdSite=chu-dijon');
  });

  it('carries the date range, modalities and most recent count', () => {
    const launch = patientLaunch({
      patientID: 'B-778899^^^&1.2.250.1.999.2.1&ISO',
      lowerDateTime: '2026-01-01T00:00:00',
      upperDateTime: '2026-06-30T23:59:59Z',
      modalitiesInStudy: 'CT',
      mostRecentResults: '5',
    });
    expect(worklistUrlForPatientLaunch(launch)).toBe(
      '/?patientId=B-778899&patientIdSite=cgfl&studyDateFrom=2026-01-01&studyDateTo=2026-06-30&modality=CT&mostRecent=5',
    );
    expect(worklistSearchForPatientLaunch(launch)).toEqual({
      filters: {
        patientId: { siteId: 'cgfl', value: 'B-778899' },
        studyDateFrom: { year: 2026, month: 1, day: 1 },
        studyDateTo: { year: 2026, month: 6, day: 30 },
        modality: 'CT',
      },
      patientIdAllSites: false,
      modalities: ['CT'],
      mostRecent: 5,
    });
  });

  it('repeats modality for several modalities, and leaves the single-modality filter out', () => {
    const launch = patientLaunch({ patientID: 'A1^^^CHU-DIJON', modalitiesInStudy: 'CT,MR' });
    expect(worklistUrlForPatientLaunch(launch)).toBe('/?patientId=A1&patientIdSite=chu-dijon&modality=CT&modality=MR');
    expect(worklistSearchForPatientLaunch(launch).filters.modality).toBeUndefined();
  });

  it('percent-encodes every value, so hostile text stays a criterion of the same-origin worklist', () => {
    const url = worklistUrlForPatientLaunch(patientLaunch({ patientID: '<script>\\T\\x=1#/../^^^CHU-DIJON' }));
    expect(url).toBe('/?patientId=%3Cscript%3E%26x%3D1%23%2F..%2F&patientIdSite=chu-dijon');
    expect(read(url).filters.patientId).toEqual({ siteId: 'chu-dijon', value: '<script>&x=1#/../' });
    const js = worklistUrlForPatientLaunch(patientLaunch({ patientID: 'javascript:alert(1)^^^CHU-DIJON' }));
    expect(js.startsWith('/?patientId=javascript%3Aalert(1)&')).toBe(true);
    expect(new URL(js, 'http://viewer.test').origin).toBe('http://viewer.test');
    const protocolRelative = worklistUrlForPatientLaunch(patientLaunch({ patientID: '//evil.example/x^^^CHU-DIJON' }));
    expect(protocolRelative).toBe('/?patientId=%2F%2Fevil.example%2Fx&patientIdSite=chu-dijon');
    expect(new URL(protocolRelative, 'http://viewer.test').origin).toBe('http://viewer.test');
  });
});

describe('worklist search from the URL', () => {
  it('reads every criterion of the UI contract', () => {
    expect(
      read('/?patientName=dur*&patientId=A100001&patientIdSite=chu-dijon&accessionNumber=ACC-1&studyDateFrom=2024-01-01&studyDateTo=2024-03-31&modality=ct&mostRecent=3'),
    ).toEqual({
      filters: {
        patientName: 'dur*',
        patientId: { siteId: 'chu-dijon', value: 'A100001' },
        accessionNumber: 'ACC-1',
        studyDateFrom: { year: 2024, month: 1, day: 1 },
        studyDateTo: { year: 2024, month: 3, day: 31 },
        modality: 'CT',
      },
      patientIdAllSites: false,
      modalities: ['CT'],
      mostRecent: 3,
      problems: [],
    });
  });

  it('searches a patient ID without a site at every site, each in its own domain', () => {
    const search = read('/?patientId=A100001&patientIdSite=');
    expect(search).toMatchObject({ patientIdAllSites: true, filters: { patientId: { siteId: '', value: 'A100001' } }, problems: [] });
    expect(filtersForSite(search, 'cgfl')).toEqual({ patientId: { siteId: 'cgfl', value: 'A100001' } });
    const sited = read('/?patientId=A100001&patientIdSite=chu-dijon');
    expect(filtersForSite(sited, 'cgfl')).toEqual({ patientId: { siteId: 'chu-dijon', value: 'A100001' } });
  });

  it('ignores a site without a patient ID, and empty values', () => {
    expect(read('/?patientIdSite=cgfl&patientName=&modality=')).toEqual({ filters: {}, patientIdAllSites: false, modalities: [], problems: [] });
    expect(read('/')).toEqual({ filters: {}, patientIdAllSites: false, modalities: [], problems: [] });
  });

  it('keeps an unknown site, so that the ID is searched nowhere rather than everywhere, and says so', () => {
    expect(read('/?patientId=A1&patientIdSite=elsewhere')).toMatchObject({
      filters: { patientId: { siteId: 'elsewhere', value: 'A1' } },
      patientIdAllSites: false,
      problems: [{ parameter: 'patientIdSite', value: 'elsewhere', reason: 'is not a configured site' }],
    });
  });

  it('ignores invalid dates, modalities and counts, listing each problem', () => {
    const search = read('/?studyDateFrom=2024-02-30&studyDateTo=20240301&modality=C.T&modality=MR&mostRecent=0&patientName=x');
    expect(search.filters).toEqual({ patientName: 'x', modality: 'MR' });
    expect(search.mostRecent).toBeUndefined();
    expect(search.problems.map((problem) => problem.parameter)).toEqual(['studyDateFrom', 'studyDateTo', 'modality', 'mostRecent']);
    for (const value of ['-1', 'abc', '2.5']) expect(read(`/?mostRecent=${value}`).problems).toHaveLength(1);
  });

  it('reads several modalities, repeated or comma-separated', () => {
    expect(read('/?modality=CT&modality=mr,PT&modality=CT')).toMatchObject({ filters: {}, modalities: ['CT', 'MR', 'PT'] });
  });

  it('takes the first of a repeated single-valued parameter', () => {
    expect(read('/?patientName=a&patientName=b').filters.patientName).toBe('a');
  });
});

describe('worklist URL round trip', () => {
  const searches: WorklistSearch[] = [
    { filters: {}, patientIdAllSites: false, modalities: [] },
    {
      filters: {
        patientName: 'DURAND^MARIE',
        patientId: { siteId: 'cgfl', value: 'B-778899' },
        accessionNumber: 'A 1/2',
        studyDateFrom: { year: 2024, month: 1, day: 1 },
        studyDateTo: { year: 2024, month: 12, day: 31 },
        modality: 'CT',
      },
      patientIdAllSites: false,
      modalities: ['CT'],
      mostRecent: 10,
    },
    { filters: { patientId: { siteId: '', value: 'Éléonore & co' } }, patientIdAllSites: true, modalities: ['CT', 'MR'] },
    { filters: { patientName: 'héloïse 😀', studyDateTo: { year: 1999, month: 2, day: 28 } }, patientIdAllSites: false, modalities: [] },
  ];

  it('reads back what it writes', () => {
    for (const search of searches) {
      const url = worklistUrlFromSearch(search);
      expect(url.startsWith('/')).toBe(true);
      expect(read(url), url).toEqual({ ...search, problems: [] });
      expect(worklistUrlFromSearch(read(url))).toBe(url);
    }
  });

  it('writes / for an empty search', () => {
    expect(worklistUrlFromSearch({ filters: {}, patientIdAllSites: false, modalities: [] })).toBe('/');
  });

  it('writes a single modality given only as the filter', () => {
    expect(worklistUrlFromSearch({ filters: { modality: 'mr' }, patientIdAllSites: false, modalities: [] })).toBe('/?modality=MR');
  });
});

describe('the worklist URL of a search by INS', () => {
  const ins = { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '276099913407825' };
  it('is patientIdSite=ins:<OID>, both ways, and a launch by INS opens it', () => {
    const search = read('/?patientId=276099913407825&patientIdSite=ins%3A1.2.250.1.213.1.4.8');
    expect(search).toMatchObject({ ins, patientIdAllSites: false, problems: [], filters: { patientId: { siteId: 'ins:1.2.250.1.213.1.4.8', value: ins.value } } });
    expect(worklistUrlFromSearch(search)).toBe('/?patientId=276099913407825&patientIdSite=ins%3A1.2.250.1.213.1.4.8');
    const launch = parseIidRequest(new URLSearchParams({ requestType: 'PATIENT', patientID: '276099913407825^^^&1.2.250.1.213.1.4.8&ISO', mostRecentResults: '2' }), sites);
    if (launch.kind !== 'patient-ins') throw new Error('not a launch by INS');
    expect(worklistSearchForPatientLaunch(launch)).toMatchObject({ ins, mostRecent: 2 });
    expect(worklistUrlForPatientLaunch(launch)).toBe('/?patientId=276099913407825&patientIdSite=ins%3A1.2.250.1.213.1.4.8&mostRecent=2');
  });

  it('reads `ins` alone as INS-NIR, and reports an INS that cannot be one without searching it', () => {
    expect(read('/?patientId=276099913407825&patientIdSite=ins').ins).toEqual(ins);
    const bad = read('/?patientId=276099913407826&patientIdSite=ins');
    expect(bad.ins).toBeUndefined();
    expect(bad.problems).toEqual([{ parameter: 'patientId', value: '276099913407826', reason: 'the INS has a key that does not match (a mistyped INS)' }]);
  });
});
