import { describe, expect, it } from 'vitest';
import { asPatientKey, patientKeyIdentifiers, patientKeyOf } from './patientKey.ts';

const dijon = { siteId: 'chu-dijon', issuerOfPatientId: 'CHU-DIJON', patientId: '123' };
const cgfl = { siteId: 'cgfl', issuerOfPatientId: 'CGFL', patientId: '456' };

describe('patient keys', () => {
  it('is deterministic whatever the order and repetitions', () => {
    expect(patientKeyOf([dijon, cgfl])).toBe('cgfl:CGFL:456,chu-dijon:CHU-DIJON:123');
    expect(patientKeyOf([cgfl, dijon, cgfl])).toBe(patientKeyOf([dijon, cgfl]));
  });

  it('never equals for the same Patient ID in two domains', () => {
    const other = { siteId: 'cgfl', issuerOfPatientId: 'CGFL', patientId: '123' };
    expect(patientKeyOf([dijon])).not.toBe(patientKeyOf([other]));
    expect(patientKeyOf([dijon])).not.toBe('123');
  });

  it('tells issuers apart at one site, and a missing issuer from any', () => {
    const noIssuer = { ...dijon, issuerOfPatientId: '' };
    const foreign = { ...dijon, issuerOfPatientId: 'CGFL' };
    expect(new Set([patientKeyOf([dijon]), patientKeyOf([noIssuer]), patientKeyOf([foreign])]).size).toBe(3);
    expect(patientKeyOf([noIssuer])).toBe('chu-dijon::123');
  });

  it('encodes separators inside values, so that no two sets collide', () => {
    const tricky = { siteId: 'a', issuerOfPatientId: 'X:1', patientId: '2,b:Y:3' };
    const key = patientKeyOf([tricky]);
    expect(key).toBe('a:X%3A1:2%2Cb%3AY%3A3');
    expect(key).not.toBe(patientKeyOf([{ siteId: 'a', issuerOfPatientId: 'X', patientId: '1:2' }, { siteId: 'b', issuerOfPatientId: 'Y', patientId: '3' }]));
    expect(patientKeyIdentifiers(key)).toEqual([tricky]);
  });

  it('survives a lone surrogate', () => {
    expect(() => patientKeyOf([{ ...dijon, patientId: 'A\uD800' }])).not.toThrow();
  });

  it('reads back its own keys and refuses others', () => {
    const key = patientKeyOf([dijon, cgfl]);
    expect(asPatientKey(key)).toBe(key);
    expect(patientKeyIdentifiers(key)).toEqual([cgfl, dijon]);
    expect(asPatientKey('chu-dijon:CHU-DIJON:123,cgfl:CGFL:456')).toBeUndefined();
    expect(asPatientKey('123')).toBeUndefined();
    expect(asPatientKey('')).toBeUndefined();
    expect(asPatientKey(null)).toBeUndefined();
    expect(patientKeyIdentifiers('a:b:%E0%A4%A')).toBeUndefined();
  });
});
