import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './returnPath.ts';

describe('safeReturnPath', () => {
  it('keeps a same-origin path with its query', () => {
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/viewer/chu-dijon/1.2.3')).toBe('/viewer/chu-dijon/1.2.3');
    expect(safeReturnPath('/IHEInvokeImageDisplay?requestType=PATIENT&patientID=123%5E%5E%5ECHU')).toBe(
      '/IHEInvokeImageDisplay?requestType=PATIENT&patientID=123%5E%5E%5ECHU',
    );
  });

  it.each([
    undefined,
    '',
    'https://evil.example/',
    'http:evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/ok\\..\\//evil',
    'javascript:alert(1)',
    'evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ['/'],
    '/'.padEnd(3000, 'a'),
  ])('falls back to / for %j', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });

  it('normalises dot segments without leaving the origin', () => {
    expect(safeReturnPath('/a/../../b')).toBe('/b');
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });
});
