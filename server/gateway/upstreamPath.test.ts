import { describe, expect, it } from 'vitest';
import { upstreamUrlFor } from './upstreamPath.ts';

const base = 'http://127.0.0.1:8042/dicom-web';

describe('upstreamUrlFor', () => {
  it('joins the rest of the path and the raw query under the base', () => {
    const result = upstreamUrlFor(base, 'studies/1.2.3/series', 'limit=5&PatientName=DUR*');
    expect(result.ok && result.url.href).toBe('http://127.0.0.1:8042/dicom-web/studies/1.2.3/series?limit=5&PatientName=DUR*');
  });

  it('keeps FHIR operation names', () => {
    const result = upstreamUrlFor('http://127.0.0.1:8150/fhir/', 'Patient/$ihe-pix', 'sourceIdentifier=urn:oid:1.2%7CA1');
    expect(result.ok && result.url.href).toBe('http://127.0.0.1:8150/fhir/Patient/$ihe-pix?sourceIdentifier=urn:oid:1.2%7CA1');
  });

  it.each([
    ['../admin', 'dot segment'],
    ['studies/../../etc/passwd', 'dot segment'],
    ['studies/%2e%2e/%2E%2E/tools', 'dot segment'],
    ['studies/.%2e/x', 'dot segment'],
    ['studies%2f..%2fadmin', 'encoded slash'],
    ['studies%5c..', 'encoded slash'],
    ['/evil.example/x', 'empty path segment'],
    ['http:/', 'empty path segment'],
    ['studies\\..\\x', 'backslash'],
    ['studies/%zz', 'malformed'],
  ])('refuses %s', (rest, reason) => {
    const result = upstreamUrlFor(base, rest, '');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('treats an absolute URL in the path as a path, never as a host', () => {
    const result = upstreamUrlFor(base, 'http:', '');
    expect(result.ok && result.url.origin).toBe('http://127.0.0.1:8042');
  });
});
