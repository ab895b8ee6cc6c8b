import { describe, expect, it } from 'vitest';
import { parseHl7Cx } from '../launch/hl7Cx.ts';
import { insAmong, insSearchSite, insSystemOfAuthority, insSystemOfSearchSite, insValueProblem, isInsSystem } from './insIdentifier.ts';

const authorityOf = (cx: string) => {
  const read = parseHl7Cx(cx);
  if (read.kind !== 'cx') throw new Error(read.reason);
  return read.cx.assigningAuthority;
};

describe('INS identifiers', () => {
  it('knows the four INS systems, with or without urn:oid:', () => {
    for (const oid of ['1.2.250.1.213.1.4.8', '1.2.250.1.213.1.4.9', '1.2.250.1.213.1.4.10', '1.2.250.1.213.1.4.11']) {
      expect(isInsSystem(`urn:oid:${oid}`)).toBe(true);
      expect(isInsSystem(oid)).toBe(true);
    }
    expect(isInsSystem('urn:oid:1.2.250.1.213.1.4.1')).toBe(false);
    expect(isInsSystem('urn:oid:1.2.250.1.999.1.1')).toBe(false);
  });

  it('reads the INS system of a launch patientID’s assigning authority (&OID&ISO)', () => {
    expect(insSystemOfAuthority(authorityOf('258039935004587^^^&1.2.250.1.213.1.4.8&ISO'))).toBe('urn:oid:1.2.250.1.213.1.4.8');
    expect(insSystemOfAuthority(authorityOf('258039935004587^^^&1.2.250.1.213.1.4.11&ISO'))).toBe('urn:oid:1.2.250.1.213.1.4.11');
    expect(insSystemOfAuthority(authorityOf('258039935004587^^^&1.2.250.1.213.1.4.9'))).toBe('urn:oid:1.2.250.1.213.1.4.9');
    expect(insSystemOfAuthority(authorityOf('258039935004587^^^&urn:oid:1.2.250.1.213.1.4.10&ISO'))).toBe('urn:oid:1.2.250.1.213.1.4.10');
    expect(insSystemOfAuthority(authorityOf('A100001^^^CHU-DIJON'))).toBeUndefined();
    expect(insSystemOfAuthority(authorityOf('A100001^^^&1.2.250.1.999.1.1&ISO'))).toBeUndefined();
    expect(insSystemOfAuthority(authorityOf('258039935004587^^^&1.2.250.1.213.1.4.8&DNS'))).toBeUndefined();
  });

  it('checks an INS’s 15 characters and its key, Corsica included', () => {
    expect(insValueProblem('258039935004587')).toBeUndefined();
    expect(insValueProblem('276099913407825')).toBeUndefined();
    // 1 85 05 2A 123 456: 2A counts as 19 in the key.
    const corsica = '185052A123456';
    const key = 97 - Number(BigInt(corsica.replace('2A', '19')) % 97n);
    expect(insValueProblem(`${corsica}${String(key).padStart(2, '0')}`)).toBeUndefined();
    expect(insValueProblem('258039935004588')).toMatch(/key/);
    expect(insValueProblem('25803993500458')).toMatch(/15 characters/);
    expect(insValueProblem('2580399350045 87')).toMatch(/15 characters/);
    expect(insValueProblem('A100001')).toMatch(/15 characters/);
  });

  it('finds the INS among an identity service’s identifiers', () => {
    const ins = { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '258039935004587' };
    expect(insAmong([{ system: 'urn:oid:1.2.250.1.999.9.9', value: 'X' }, ins])).toEqual(ins);
    expect(insAmong([{ system: 'urn:oid:1.2.250.1.999.9.9', value: 'X' }])).toBeUndefined();
  });

  it('names an INS search in the worklist URL as ins:<OID>, and reads it back', () => {
    expect(insSearchSite('urn:oid:1.2.250.1.213.1.4.8')).toBe('ins:1.2.250.1.213.1.4.8');
    expect(insSystemOfSearchSite('ins:1.2.250.1.213.1.4.11')).toBe('urn:oid:1.2.250.1.213.1.4.11');
    expect(insSystemOfSearchSite('ins')).toBe('urn:oid:1.2.250.1.213.1.4.8');
    expect(insSystemOfSearchSite('ins:1.2.3')).toBeUndefined();
    expect(insSystemOfSearchSite('chu-dijon')).toBeUndefined();
  });
});
