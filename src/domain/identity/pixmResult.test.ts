import { describe, expect, it } from 'vitest';
import { interpretPixmAnswer, type PixmAnswer } from './pixmResult.ts';

const DIJON = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const context = { source: { system: DIJON, value: '123' }, knownSystems: [DIJON, CGFL] };

const ok = (body: unknown, contentType = 'application/fhir+json'): PixmAnswer => ({
  kind: 'response',
  status: 200,
  contentType,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const status = (code: number, body: unknown, statusText?: string): PixmAnswer => ({
  kind: 'response',
  status: code,
  statusText,
  contentType: 'application/fhir+json',
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const outcome = (code: string, text: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, diagnostics: text }],
});

describe('ITI-83 answers', () => {
  it('reads targetIdentifier and targetId parameters', () => {
    const answer = ok({
      resourceType: 'Parameters',
      parameter: [
        { name: 'targetIdentifier', valueIdentifier: { use: 'official', system: CGFL, value: '456' } },
        { name: 'targetId', valueReference: { reference: 'Patient/cgfl-456' } },
      ],
    });
    expect(interpretPixmAnswer(answer, context)).toEqual({
      kind: 'linked',
      identifiers: [{ system: CGFL, value: '456' }],
      ignored: [],
      references: ['Patient/cgfl-456'],
    });
  });

  it('accepts an already-parsed body', () => {
    const answer: PixmAnswer = {
      kind: 'response',
      status: 200,
      body: { resourceType: 'Parameters', parameter: [{ name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } }] },
    };
    expect(interpretPixmAnswer(answer, context)).toMatchObject({ kind: 'linked', identifiers: [{ system: CGFL, value: '456' }] });
  });

  it('reads a 200 without parameter as no links', () => {
    expect(interpretPixmAnswer(ok({ resourceType: 'Parameters' }), context)).toEqual({ kind: 'no-links', ignored: [], references: [] });
    expect(interpretPixmAnswer(ok({ resourceType: 'Parameters', parameter: [] }), context)).toEqual({ kind: 'no-links', ignored: [], references: [] });
  });

  it('accepts a targetId given as a bare string', () => {
    const answer = ok({
      resourceType: 'Parameters',
      parameter: [
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } },
        { name: 'targetId', valueString: 'Patient/cgfl-456' },
      ],
    });
    expect(interpretPixmAnswer(answer, context)).toMatchObject({ kind: 'linked', references: ['Patient/cgfl-456'] });
  });

  it('drops the source identifier echoed back among the targets', () => {
    const answer = ok({
      resourceType: 'Parameters',
      parameter: [
        { name: 'targetIdentifier', valueIdentifier: { system: DIJON, value: '123' } },
        { name: 'targetIdentifier', valueIdentifier: { system: '1.2.250.1.999.1.1', value: '123' } },
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } },
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } },
      ],
    });
    expect(interpretPixmAnswer(answer, context)).toMatchObject({ kind: 'linked', identifiers: [{ system: CGFL, value: '456' }] });
  });

  it('reads an answer holding only the echoed source as no links', () => {
    const answer = ok({ resourceType: 'Parameters', parameter: [{ name: 'targetIdentifier', valueIdentifier: { system: DIJON, value: '123' } }] });
    expect(interpretPixmAnswer(answer, context)).toEqual({ kind: 'no-links', ignored: [], references: [] });
  });

  it('ignores, and reports, identifiers of systems no site is configured for', () => {
    const answer = ok({
      resourceType: 'Parameters',
      parameter: [
        { name: 'targetIdentifier', valueIdentifier: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '2840512345678' } },
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } },
      ],
    });
    expect(interpretPixmAnswer(answer, context)).toEqual({
      kind: 'linked',
      identifiers: [{ system: CGFL, value: '456' }],
      ignored: [{ system: 'urn:oid:1.2.250.1.213.1.4.8', value: '2840512345678' }],
      references: [],
    });
    const onlyForeign = ok({
      resourceType: 'Parameters',
      parameter: [{ name: 'targetIdentifier', valueIdentifier: { system: 'urn:oid:9.9', value: 'X' } }],
    });
    expect(interpretPixmAnswer(onlyForeign, context)).toEqual({ kind: 'no-links', ignored: [{ system: 'urn:oid:9.9', value: 'X' }], references: [] });
  });

  it('gives identifiers the configured spelling of their system', () => {
    const answer = ok({ resourceType: 'Parameters', parameter: [{ name: 'targetIdentifier', valueIdentifier: { system: ' 1.2.250.1.999.2.1 ', value: ' 456 ' } }] });
    expect(interpretPixmAnswer(answer, context)).toMatchObject({ identifiers: [{ system: CGFL, value: '456' }] });
  });

  it('keeps every system when none is configured', () => {
    const answer = ok({ resourceType: 'Parameters', parameter: [{ name: 'targetIdentifier', valueIdentifier: { system: 'urn:oid:9.9', value: 'X' } }] });
    expect(interpretPixmAnswer(answer, { source: context.source })).toMatchObject({ kind: 'linked', identifiers: [{ system: 'urn:oid:9.9', value: 'X' }] });
  });

  it('passes over malformed parameters', () => {
    const answer = ok({
      resourceType: 'Parameters',
      parameter: [
        null,
        'x',
        { name: 'targetIdentifier' },
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL } },
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: 456 } },
        { name: 'targetIdentifier', valueIdentifier: { system: '', value: '1' } },
        { name: 'targetId', valueReference: {} },
        { name: 'somethingElse', valueString: 'y' },
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } },
      ],
    });
    expect(interpretPixmAnswer(answer, context)).toEqual({ kind: 'linked', identifiers: [{ system: CGFL, value: '456' }], ignored: [], references: [] });
  });

  it('reads a 404 OperationOutcome as an unknown patient', () => {
    const answer = status(404, outcome('not-found', 'sourceIdentifier Patient Identifier not found'), 'Not Found');
    expect(interpretPixmAnswer(answer, context)).toEqual({
      kind: 'unknown-patient',
      detail: 'not-found: sourceIdentifier Patient Identifier not found',
    });
  });

  it.each(['return', 'outcome'])('reads a 404 with an OperationOutcome wrapped in a Parameters "%s"', (name) => {
    const answer = status(404, { resourceType: 'Parameters', parameter: [{ name, resource: outcome('not-found', 'unknown') }] });
    expect(interpretPixmAnswer(answer, context)).toEqual({ kind: 'unknown-patient', detail: 'not-found: unknown' });
  });

  it('reads a 200 with a wrapped not-found outcome as an unknown patient', () => {
    const answer = ok({ resourceType: 'Parameters', parameter: [{ name: 'return', resource: outcome('not-found', 'no such patient') }] });
    expect(interpretPixmAnswer(answer, context)).toMatchObject({ kind: 'unknown-patient' });
  });

  it('keeps links when an informational outcome comes along', () => {
    const answer = ok({
      resourceType: 'Parameters',
      parameter: [
        { name: 'targetIdentifier', valueIdentifier: { system: CGFL, value: '456' } },
        { name: 'outcome', resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] } },
      ],
    });
    expect(interpretPixmAnswer(answer, context)).toMatchObject({ kind: 'linked' });
    const infoOnly = ok({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] });
    expect(interpretPixmAnswer(infoOnly, context)).toEqual({ kind: 'no-links', ignored: [], references: [] });
  });

  it('reads a 400 as an unknown source domain', () => {
    const answer = status(400, {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'code-invalid', details: { text: 'sourceIdentifier Assigning Authority not found' } }],
    });
    expect(interpretPixmAnswer(answer, context)).toEqual({
      kind: 'unknown-domain',
      detail: 'code-invalid: sourceIdentifier Assigning Authority not found',
    });
  });

  it('reads a 403 as an unknown target system', () => {
    const answer = status(403, outcome('code-invalid', 'targetSystem not found'), 'Forbidden');
    expect(interpretPixmAnswer(answer, context)).toEqual({ kind: 'unknown-domain', detail: 'code-invalid: targetSystem not found' });
  });

  it('reads a 200 error outcome refusing a code as an unknown domain', () => {
    expect(interpretPixmAnswer(ok(outcome('code-invalid', 'unknown system')), context)).toMatchObject({ kind: 'unknown-domain' });
    expect(interpretPixmAnswer(ok(outcome('exception', 'database down')), context)).toEqual({ kind: 'failed', reason: 'HTTP 200: exception: database down' });
  });

  it('fails on a 200 whose body is not FHIR JSON', () => {
    expect(interpretPixmAnswer(ok('OK', 'text/plain'), context)).toEqual({ kind: 'failed', reason: 'HTTP 200 with text that is not JSON ("OK")' });
    expect(interpretPixmAnswer(ok('{"resourceType":'), context)).toMatchObject({ kind: 'failed' });
    expect(interpretPixmAnswer(ok('[1,2]'), context)).toEqual({ kind: 'failed', reason: 'HTTP 200 with JSON that is not a FHIR resource' });
    expect(interpretPixmAnswer(ok('{"parameter":[]}'), context)).toEqual({ kind: 'failed', reason: 'HTTP 200 with JSON without resourceType' });
    expect(interpretPixmAnswer(ok(''), context)).toEqual({ kind: 'failed', reason: 'HTTP 200 with an empty body' });
  });

  it('fails on a 200 holding another resource than Parameters', () => {
    const answer = ok({ resourceType: 'Bundle', type: 'searchset', entry: [] });
    expect(interpretPixmAnswer(answer, context)).toEqual({ kind: 'failed', reason: 'HTTP 200 with a Bundle instead of Parameters' });
  });

  it('fails on an HTML error page, whatever its status', () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
    expect(interpretPixmAnswer(status(502, page, 'Bad Gateway'), context)).toEqual({
      kind: 'failed',
      reason: 'HTTP 502 Bad Gateway: an HTML page ("502 Bad Gateway")',
    });
    expect(interpretPixmAnswer(ok(page, 'text/html'), context)).toEqual({ kind: 'failed', reason: 'HTTP 200 with an HTML page ("502 Bad Gateway")' });
    expect(interpretPixmAnswer(status(404, '<html><body>Not found</body></html>'), context)).toEqual({
      kind: 'failed',
      reason: 'HTTP 404: an HTML page',
    });
    expect(interpretPixmAnswer(status(403, '<html><title>Access denied</title></html>'), context)).toMatchObject({ kind: 'failed' });
  });

  it('fails on server errors, keeping their words', () => {
    expect(interpretPixmAnswer(status(500, outcome('exception', 'NullPointerException'), 'Internal Server Error'), context)).toEqual({
      kind: 'failed',
      reason: 'HTTP 500 Internal Server Error: exception: NullPointerException',
    });
    expect(interpretPixmAnswer(status(503, ''), context)).toEqual({ kind: 'failed', reason: 'HTTP 503: no body' });
  });

  it('fails when the service is down, slow or the query was cancelled', () => {
    expect(interpretPixmAnswer({ kind: 'network-error', message: 'ECONNREFUSED' }, context)).toEqual({
      kind: 'failed',
      reason: 'identity service unreachable: ECONNREFUSED',
    });
    expect(interpretPixmAnswer({ kind: 'timeout', ms: 5000 }, context)).toEqual({ kind: 'failed', reason: 'no answer within 5000 ms' });
    expect(interpretPixmAnswer({ kind: 'timeout' }, context)).toEqual({ kind: 'failed', reason: 'no answer in time' });
    expect(interpretPixmAnswer({ kind: 'aborted' }, context)).toEqual({ kind: 'failed', reason: 'cancelled' });
  });

  it('never throws on hostile input', () => {
    const hostile = [
      { kind: 'response', status: 200, body: { resourceType: 'Parameters', parameter: 'x' } },
      { kind: 'response', status: 200, body: { resourceType: 'Parameters', parameter: [{ name: 'targetIdentifier', valueIdentifier: [] }] } },
      { kind: 'response', status: 404, body: { resourceType: 'OperationOutcome', issue: 'x' } },
      { kind: 'response', status: 404, body: { resourceType: 'OperationOutcome', issue: [null, { details: 5 }] } },
      { kind: 'response', status: 200, body: 42 },
      { kind: 'response', status: 200, body: null },
      { kind: 'weird' },
    ] as unknown as PixmAnswer[];
    for (const answer of hostile) expect(() => interpretPixmAnswer(answer, context)).not.toThrow();
    expect(interpretPixmAnswer(hostile[3] as PixmAnswer, context)).toEqual({ kind: 'unknown-patient', detail: 'OperationOutcome without issue text' });
  });
});
