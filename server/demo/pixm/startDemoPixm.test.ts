import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSites } from '../demoSites.ts';
import { demoPixmPersons, startDemoPixm, type DemoPixmHandle } from './startDemoPixm.ts';

const CHU = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const OTHER = 'urn:oid:1.2.250.1.999.3.1';

interface Parameters {
  resourceType: string;
  parameter?: { name: string; valueIdentifier?: { use: string; system: string; value: string }; valueReference?: { reference: string } }[];
}

interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics: string }[];
}

describe('demo PIXm service (ITI-83)', () => {
  let pixm: DemoPixmHandle;

  beforeAll(async () => {
    pixm = await startDemoPixm({
      persons: [
        ...demoPixmPersons(),
        { identifiers: [{ system: CHU, value: 'T1' }, { system: CGFL, value: 'T2' }, { system: OTHER, value: 'T3' }] },
      ],
    });
  });
  afterAll(() => pixm.close());

  const pix = async (query: string) => {
    const response = await fetch(`${pixm.url}/Patient/$ihe-pix?${query}`);
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Parameters & Outcome };
  };

  it('maps the demo persons onto the demo sites’ identifier systems', () => {
    const persons = demoPixmPersons();
    expect(persons[0]?.identifiers).toEqual([
      { system: demoSites[0]?.patientIdSystem, value: 'A100001' },
      { system: demoSites[1]?.patientIdSystem, value: 'B-778899' },
    ]);
    // DURAND, LEFÈVRE, the two 300042, ROUX/GIRARD, the twins and the two sides of the possible match.
    expect(persons).toHaveLength(9);
    expect(persons[4]?.identifiers.map((identifier) => identifier.value)).toEqual(['A100005', 'B-812345']);
  });

  it('answers the other domains’ identifiers and the Patient reference', async () => {
    const { status, type, body } = await pix(`sourceIdentifier=${encodeURIComponent(`${CHU}|A100001`)}`);
    expect(status).toBe(200);
    expect(type).toBe('application/fhir+json; charset=utf-8');
    expect(body.resourceType).toBe('Parameters');
    expect(body.parameter).toEqual([
      { name: 'targetIdentifier', valueIdentifier: { use: 'official', system: CGFL, value: 'B-778899' } },
      { name: 'targetId', valueReference: { reference: 'Patient/pixm-person-1' } },
    ]);
  });

  it('works the other way round, with an unencoded bar', async () => {
    const { status, body } = await pix(`sourceIdentifier=${CGFL}|B-778899`);
    expect(status).toBe(200);
    expect(body.parameter?.[0]?.valueIdentifier).toEqual({ use: 'official', system: CHU, value: 'A100001' });
  });

  it('never links the two different persons who share patient ID 300042', async () => {
    const { status, body } = await pix(`sourceIdentifier=${CHU}|300042`);
    expect(status).toBe(200);
    expect(body).toEqual({ resourceType: 'Parameters' });
  });

  it('answers 200 with no parameter for a known identifier without other-domain identifiers', async () => {
    const { status, body } = await pix(`sourceIdentifier=${CHU}|A100002`);
    expect(status).toBe(200);
    expect(body.parameter).toBeUndefined();
  });

  it('restricts the answer to the target systems, repeated or comma-separated', async () => {
    const one = await pix(`sourceIdentifier=${CHU}|T1&targetSystem=${OTHER}`);
    expect(one.body.parameter?.map((p) => p.valueIdentifier?.value ?? p.valueReference?.reference)).toEqual(['T3', `Patient/pixm-person-${demoPixmPersons().length + 1}`]);
    const both = await pix(`sourceIdentifier=${CHU}|T1&targetSystem=${OTHER},${CGFL}`);
    expect(both.body.parameter?.filter((p) => p.name === 'targetIdentifier')).toHaveLength(2);
    const repeated = await pix(`sourceIdentifier=${CHU}|T1&targetSystem=${OTHER}&targetSystem=${CGFL}`);
    expect(repeated.body.parameter?.filter((p) => p.name === 'targetIdentifier')).toHaveLength(2);
    const none = await pix(`sourceIdentifier=${CHU}|A100002&targetSystem=${CGFL}`);
    expect(none.status).toBe(200);
    expect(none.body.parameter).toBeUndefined();
  });

  it('answers 404 not-found for an unknown identifier in a known domain', async () => {
    const { status, type, body } = await pix(`sourceIdentifier=${CHU}|NOPE`);
    expect(status).toBe(404);
    expect(type).toBe('application/fhir+json; charset=utf-8');
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]).toEqual({ severity: 'error', code: 'not-found', diagnostics: 'sourceIdentifier Patient Identifier not found' });
  });

  it('answers 400 code-invalid for an unknown assigning authority', async () => {
    const { status, body } = await pix('sourceIdentifier=urn:oid:9.9.9|A100001');
    expect(status).toBe(400);
    expect(body.issue[0]).toMatchObject({ code: 'code-invalid', diagnostics: 'sourceIdentifier Assigning Authority not found' });
  });

  it('answers 403 code-invalid for an unknown target system', async () => {
    const { status, body } = await pix(`sourceIdentifier=${CHU}|A100001&targetSystem=urn:oid:9.9.9`);
    expect(status).toBe(403);
    expect(body.issue[0]).toMatchObject({ code: 'code-invalid', diagnostics: 'targetSystem not found' });
  });

  it('answers 400 for a missing or malformed sourceIdentifier', async () => {
    expect((await pix('')).status).toBe(400);
    expect((await pix('sourceIdentifier=A100001')).status).toBe(400);
    expect((await pix(`sourceIdentifier=${CHU}|`)).status).toBe(400);
    expect((await pix(`sourceIdentifier=${CHU}|A100001&sourceIdentifier=${CGFL}|B-778899`)).status).toBe(400);
  });

  it('answers a CapabilityStatement at metadata', async () => {
    const response = await fetch(`${pixm.url}/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const body = (await response.json()) as { resourceType: string; fhirVersion: string; rest: { resource: { type: string; operation: { name: string }[] }[] }[] };
    expect(body.resourceType).toBe('CapabilityStatement');
    expect(body.fhirVersion).toBe('4.0.1');
    expect(body.rest[0]?.resource[0]?.operation[0]?.name).toBe('ihe-pix');
  });

  it('answers 404 OperationOutcome elsewhere', async () => {
    const response = await fetch(`${pixm.url}/Observation`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as Outcome).resourceType).toBe('OperationOutcome');
  });
});
