import { describe, expect, it } from 'vitest';
import { insStatusOf } from './reviewRecords.ts';

const RELIABILITY = 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability';

describe('the INS status a fed Patient states', () => {
  it('reads FR Core identity reliability, nested or not, whatever the case of the code', () => {
    expect(insStatusOf({ extension: [{ url: RELIABILITY, extension: [{ url: 'identityStatus', valueCoding: { code: 'QUAL' } }] }] })).toBe('qualified');
    expect(insStatusOf({ extension: [{ url: RELIABILITY, valueCoding: { code: 'vali' } }] })).toBe('validated');
    expect(insStatusOf({ extension: [{ url: RELIABILITY, valueCodeableConcept: { coding: [{ code: 'RECUP' }] } }] })).toBe('recovered');
    expect(insStatusOf({ extension: [{ url: RELIABILITY, valueCode: 'PROV' }] })).toBe('provisional');
  });

  it('says nothing when the feed did not, or in another extension', () => {
    expect(insStatusOf({})).toBeNull();
    expect(insStatusOf({ extension: [{ url: 'http://example.org/other', valueCode: 'QUAL' }] })).toBeNull();
    expect(insStatusOf({ extension: [{ url: RELIABILITY, valueCode: 'DOUTE' }] })).toBeNull();
    expect(insStatusOf({ extension: 'not a list' })).toBeNull();
  });
});
