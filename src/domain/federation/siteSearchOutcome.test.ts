import { describe, expect, it } from 'vitest';
import { siteOutcomeFromQido, type QidoAnswer, type QidoReadContext } from './siteSearchOutcome.ts';

const site = { id: 'chu-dijon', issuerOfPatientId: 'CHU-DIJON' };
const study = (uid: string, patientId: string, issuer: string | undefined, name = 'DURAND^MARIE') => ({
  '0020000D': { vr: 'UI', Value: [uid] },
  '00100020': { vr: 'LO', Value: [patientId] },
  ...(issuer === undefined ? {} : { '00100021': { vr: 'LO', Value: [issuer] } }),
  '00100010': { vr: 'PN', Value: [{ Alphabetic: name }] },
  '00080020': { vr: 'DA', Value: ['20240305'] },
});
const ok = (body: unknown, warnings?: string[]): QidoAnswer => ({ kind: 'response', status: 200, body: JSON.stringify(body), warnings });
const context = (overrides: Partial<QidoReadContext> = {}): QidoReadContext => ({ site, filters: {}, pageSize: 10, ms: 42.4, ...overrides });

describe('site outcome of a QIDO-RS search', () => {
  it('reads the studies', () => {
    const outcome = siteOutcomeFromQido(ok([study('1.2.1', '123', 'CHU-DIJON'), study('1.2.2', '124', 'CHU-DIJON')]), context());
    expect(outcome).toMatchObject({ siteId: 'chu-dijon', status: 'ok', ms: 42.4 });
    expect(outcome.studies.map((s) => s.studyUid)).toEqual(['1.2.1', '1.2.2']);
    expect(outcome.error).toBeUndefined();
    expect(outcome.truncated).toBeUndefined();
  });

  it('reads 204 No Content and an empty body as no study', () => {
    expect(siteOutcomeFromQido({ kind: 'response', status: 204, body: '' }, context())).toEqual({ siteId: 'chu-dijon', status: 'ok', studies: [], ms: 42.4 });
    expect(siteOutcomeFromQido({ kind: 'response', status: 200, body: '' }, context())).toMatchObject({ status: 'ok', studies: [] });
  });

  it('keeps only the site issuer when searching by Patient ID (archives that merge patients sharing an ID)', () => {
    const answer = ok([
      study('1.2.1', '123', 'CHU-DIJON', 'DURAND^MARIE'),
      study('1.2.2', '123', 'CGFL', 'MARTIN^PAUL'),
      study('1.2.3', '123', undefined, 'MARTIN^PAUL'),
      study('1.2.4', '1234', 'CHU-DIJON', 'DUPONT^JEAN'),
    ]);
    const outcome = siteOutcomeFromQido(answer, context({ filters: { patientId: { siteId: 'chu-dijon', value: '123' } } }));
    expect(outcome.status).toBe('ok');
    expect(outcome.studies.map((s) => s.studyUid)).toEqual(['1.2.1']);
    expect(outcome.leftOut).toEqual([
      { reason: 'issuer-mismatch', count: 2 },
      { reason: 'patient-id-mismatch', count: 1 },
    ]);
  });

  it('keeps every issuer when searching by name, filtered case- and accent-insensitively', () => {
    const answer = ok([
      study('1.2.1', '123', 'CHU-DIJON', 'LEFÈVRE^ÉLODIE'),
      study('1.2.2', '555', undefined, 'LEFEVRE^ANNE'),
      study('1.2.3', '777', 'CHU-DIJON', 'LAFFIVRE^JEAN'),
    ]);
    const outcome = siteOutcomeFromQido(answer, context({ filters: { patientName: 'lefevre' } }));
    expect(outcome.studies.map((s) => s.studyUid)).toEqual(['1.2.1', '1.2.2']);
    expect(outcome.leftOut).toEqual([{ reason: 'name-mismatch', count: 1 }]);
    expect(outcome.status).toBe('ok');
  });

  it('marks a truncated answer as partial', () => {
    const studies = [1, 2, 3, 4].map((n) => study(`1.2.${n}`, `${n}`, 'CHU-DIJON'));
    const outcome = siteOutcomeFromQido(ok(studies), context({ pageSize: 3 }));
    expect(outcome).toMatchObject({ status: 'partial', truncated: true, error: 'more than 3 studies match: refine the search' });
    expect(outcome.studies).toHaveLength(3);
  });

  it('leaves out unreadable results, and says so', () => {
    const outcome = siteOutcomeFromQido(ok([study('1.2.1', '1', 'CHU-DIJON'), { '00100020': { vr: 'LO', Value: ['2'] } }, 'junk', null, study('1.2.3', '', 'CHU-DIJON')]), context());
    expect(outcome.status).toBe('partial');
    expect(outcome.studies).toHaveLength(1);
    expect(outcome.error).toBe('4 unreadable results left out');
    expect(outcome.leftOut).toEqual([
      { reason: 'no-study-uid', count: 1 },
      { reason: 'not-a-dataset', count: 2 },
      { reason: 'no-patient-id', count: 1 },
    ]);
  });

  it('drops a study listed twice', () => {
    const outcome = siteOutcomeFromQido(ok([study('1.2.1', '1', 'CHU-DIJON'), study('1.2.1', '1', 'CHU-DIJON')]), context());
    expect(outcome.studies).toHaveLength(1);
  });

  it('reports archive warnings as partial', () => {
    const outcome = siteOutcomeFromQido(ok([], ['299 orthanc "The number of results exceeded the limit"']), context());
    expect(outcome).toMatchObject({ status: 'partial', error: '299 orthanc "The number of results exceeded the limit"' });
  });

  it('turns HTTP failures into errors with words', () => {
    expect(siteOutcomeFromQido({ kind: 'response', status: 500, statusText: 'Internal Server Error', body: '<html><body><h1>Oops</h1></body></html>' }, context())).toEqual({
      siteId: 'chu-dijon',
      status: 'error',
      studies: [],
      error: 'HTTP 500 Internal Server Error: Oops',
      ms: 42.4,
    });
    expect(siteOutcomeFromQido({ kind: 'response', status: 504, statusText: 'Gateway Timeout', body: '' }, context())).toMatchObject({
      status: 'timeout',
      error: 'HTTP 504 Gateway Timeout',
    });
    expect(siteOutcomeFromQido({ kind: 'response', status: 200, body: '<html>login</html>' }, context())).toMatchObject({
      status: 'error',
      error: 'HTTP 200 with an HTML page instead of DICOM JSON',
    });
    expect(siteOutcomeFromQido({ kind: 'response', status: 200, body: '{"a":1}' }, context())).toMatchObject({
      status: 'error',
      error: 'HTTP 200 with JSON that is not a DICOM JSON array',
    });
    expect(siteOutcomeFromQido({ kind: 'response', status: 200, body: '[{' }, context())).toMatchObject({ status: 'error' });
  });

  it('turns transport failures into outcomes', () => {
    expect(siteOutcomeFromQido({ kind: 'timeout', ms: 8000 }, context())).toMatchObject({ status: 'timeout', error: 'no answer within 8000 ms' });
    expect(siteOutcomeFromQido({ kind: 'network-error', message: 'ECONNREFUSED' }, context())).toMatchObject({ status: 'error', error: 'ECONNREFUSED' });
    expect(siteOutcomeFromQido({ kind: 'aborted' }, context())).toMatchObject({ status: 'error', error: 'cancelled' });
    expect(siteOutcomeFromQido({ kind: 'nonsense' } as unknown as QidoAnswer, context())).toMatchObject({ status: 'error' });
  });

  it('accepts an already-parsed body', () => {
    expect(siteOutcomeFromQido({ kind: 'response', status: 200, body: [study('1.2.1', '1', 'CHU-DIJON')] }, context()).studies).toHaveLength(1);
  });
});
