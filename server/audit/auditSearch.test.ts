import { describe, expect, it } from 'vitest';
import { dateRange, parseAuditSearch } from './auditSearch.ts';

const parse = (query: string) => parseAuditSearch(new URLSearchParams(query));

describe("the auditor's search parameters", () => {
  it('reads patient as system|value, agent, entity and _count', () => {
    expect(parse('patient=urn:oid:1.2.250.1.999.1.1|A100001&agent=radiologue&entity=1.2.3&_count=20')).toEqual({
      ok: true,
      search: { patient: { system: 'urn:oid:1.2.250.1.999.1.1', value: 'A100001' }, agent: 'radiologue', entity: '1.2.3', count: 20 },
    });
    expect(parse('patient=A100001')).toEqual({ ok: true, search: { patient: { system: null, value: 'A100001' }, count: 100 } });
    expect(parse('entity=urn:oid:1.2.3')).toMatchObject({ ok: true, search: { entity: '1.2.3' } });
  });

  it('takes each date at its precision: ge the start of the day, le its end', () => {
    expect(parse('date=ge2026-03-01&date=le2026-03-31')).toEqual({
      ok: true,
      search: { from: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-04-01T00:00:00Z'), count: 100 },
    });
    expect(parse('date=2026-03')).toMatchObject({ search: { from: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-04-01T00:00:00Z') } });
    expect(parse('date=gt2026-03-01T08:15:00%2B01:00')).toMatchObject({ search: { from: new Date('2026-03-01T07:15:01Z') } });
    expect(parse('date=lt2026')).toMatchObject({ search: { until: new Date('2026-01-01T00:00:00Z') } });
  });

  it('knows where each precision ends', () => {
    expect(dateRange('2026')).toEqual({ start: new Date('2026-01-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(dateRange('2026-12')).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(dateRange('2026-02-30')).toBeUndefined();
    expect(dateRange('yesterday')).toBeUndefined();
  });

  it('refuses what it cannot apply, naming the parameter', () => {
    expect(parse('_count=0')).toEqual({ ok: false, error: '_count: must be a whole number from 1 to 1000 (got "0")' });
    expect(parse('date=sa2026')).toMatchObject({ ok: false, error: expect.stringMatching(/^date:/) });
    expect(parse('entity=DROP TABLE')).toMatchObject({ ok: false, error: expect.stringMatching(/^entity:/) });
    expect(parse('patient=urn:oid:1.2|')).toMatchObject({ ok: false, error: expect.stringMatching(/^patient:/) });
    expect(parse('subtype=read')).toMatchObject({ ok: false, error: expect.stringMatching(/^subtype: not a search parameter/) });
  });
});
