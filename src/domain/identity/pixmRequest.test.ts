import { describe, expect, it } from 'vitest';
import { escapeFhirSearchValue, fhirIdentifierToken, pixmQueryPath, pixmQueryUrl } from './pixmRequest.ts';

const source = { system: 'urn:oid:1.2.250.1.999.1.1', value: '123' };

describe('ITI-83 request', () => {
  it('escapes FHIR search special characters', () => {
    expect(escapeFhirSearchValue('a|b,c$d\\e')).toBe('a\\|b\\,c\\$d\\\\e');
    expect(escapeFhirSearchValue('plain')).toBe('plain');
    expect(fhirIdentifierToken({ system: 'urn:x', value: 'A|1' })).toBe('urn:x|A\\|1');
  });

  it('builds the query for a source identifier', () => {
    expect(pixmQueryPath(source)).toBe('Patient/$ihe-pix?sourceIdentifier=urn%3Aoid%3A1.2.250.1.999.1.1%7C123');
  });

  it('adds target systems, repeated', () => {
    expect(pixmQueryPath(source, ['urn:oid:1.2.250.1.999.2.1', 'urn:oid:1.2.250.1.999.3.1'])).toBe(
      'Patient/$ihe-pix?sourceIdentifier=urn%3Aoid%3A1.2.250.1.999.1.1%7C123' +
        '&targetSystem=urn%3Aoid%3A1.2.250.1.999.2.1&targetSystem=urn%3Aoid%3A1.2.250.1.999.3.1',
    );
  });

  it('escapes then URL-encodes values holding separators and reserved characters', () => {
    const path = pixmQueryPath({ system: 'urn:oid:1.2', value: 'A|B,C$D\\E &F=G#H' });
    expect(path).toBe('Patient/$ihe-pix?sourceIdentifier=urn%3Aoid%3A1.2%7CA%5C%7CB%5C%2CC%5C%24D%5C%5CE%20%26F%3DG%23H');
    const query = new URLSearchParams(path.slice(path.indexOf('?') + 1));
    expect(query.get('sourceIdentifier')).toBe('urn:oid:1.2|A\\|B\\,C\\$D\\\\E &F=G#H');
    expect([...query.keys()]).toEqual(['sourceIdentifier']);
  });

  it('joins the FHIR base with or without a trailing slash', () => {
    expect(pixmQueryUrl('/identity/pixm', source)).toBe(`/identity/pixm/${pixmQueryPath(source)}`);
    expect(pixmQueryUrl('/identity/pixm/', source)).toBe(`/identity/pixm/${pixmQueryPath(source)}`);
  });

  it('survives a lone surrogate', () => {
    expect(() => pixmQueryPath({ system: 'urn:x', value: '\uDC00' })).not.toThrow();
  });
});
