import { describe, expect, it } from 'vitest';
import { identifierToken, targetSystemsOf } from './fhirTokens.ts';

describe('FHIR tokens', () => {
  it('splits system|value on the first unescaped bar, makes a bare OID a urn:oid, and unescapes the value', () => {
    expect(identifierToken('urn:oid:1.2.3|A100')).toEqual({ system: 'urn:oid:1.2.3', value: 'A100' });
    expect(identifierToken('1.2.3|A\\|B\\,C')).toEqual({ system: 'urn:oid:1.2.3', value: 'A|B,C' });
    for (const bad of ['A100', '|A100', 'urn:oid:1.2.3|', 'a|b|c']) expect(identifierToken(bad), bad).toBeUndefined();
  });

  it('reads target systems repeated or comma-separated', () => {
    expect(targetSystemsOf(['urn:oid:1.2.3,1.2.4', ' urn:oid:1.2.5 ', ''])).toEqual(['urn:oid:1.2.3', 'urn:oid:1.2.4', 'urn:oid:1.2.5']);
  });
});
