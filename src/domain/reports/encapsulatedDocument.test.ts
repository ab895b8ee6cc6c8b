import { describe, expect, it } from 'vitest';
import { documentBytes, encapsulatedDocumentSource, resolveBulkDataUri } from './encapsulatedDocument.ts';

const uids = { studyUid: '1.2.3', seriesUid: '1.2.3.4', sopInstanceUid: '1.2.3.4.5' };
const root = '/sites/cgfl-bourgogne/dicom-web';

describe('resolveBulkDataUri', () => {
  it('puts an archive-written absolute URI under the site’s same-origin root, whatever its host', () => {
    expect(resolveBulkDataUri('http://127.0.0.1:37769/dicom-web/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011', root, uids)).toBe(
      `${root}/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011`,
    );
    expect(resolveBulkDataUri('https://evil.example/x/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011?steal=1', root, uids)).toBe(
      `${root}/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011`,
    );
    expect(resolveBulkDataUri('studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011', root, uids)).toBe(
      `${root}/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011`,
    );
  });

  it('refuses URIs naming another instance, climbing out, or without a resource path', () => {
    expect(resolveBulkDataUri('http://h/studies/9.9/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011', root, uids)).toBeUndefined();
    expect(resolveBulkDataUri('http://h/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/..%2F..%2Fx', root, uids)).toBeUndefined();
    expect(resolveBulkDataUri('http://h/other/path', root, uids)).toBeUndefined();
    expect(resolveBulkDataUri('http://[bad', root, uids)).toBeUndefined();
    expect(resolveBulkDataUri('http://h/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5', root, uids)).toBeUndefined();
  });
});

describe('encapsulatedDocumentSource', () => {
  const base = { '00420012': { vr: 'LO', Value: ['application/pdf'] }, '00420010': { vr: 'ST', Value: ['Compte rendu'] }, '00420015': { vr: 'UL', Value: [3] } };

  it('reads a bulk data reference as Orthanc writes it', () => {
    const source = encapsulatedDocumentSource(
      [{ ...base, '00420011': { vr: 'OB', BulkDataURI: 'http://127.0.0.1:1/dicom-web/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011' } }],
      root,
      uids,
    );
    expect(source).toEqual({ kind: 'bulk', mimeType: 'application/pdf', title: 'Compte rendu', length: 3, path: `${root}/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulk/00420011` });
  });

  it('decodes an inline binary', () => {
    const source = encapsulatedDocumentSource({ ...base, '00420011': { vr: 'OB', InlineBinary: btoa('%PDF\0') } }, root, uids);
    expect(source.kind).toBe('inline');
    if (source.kind === 'inline') expect(new TextDecoder().decode(documentBytes(source.bytes, 4))).toBe('%PDF');
  });

  it('answers missing for absent, malformed or unresolvable documents', () => {
    expect(encapsulatedDocumentSource(undefined, root, uids).kind).toBe('missing');
    expect(encapsulatedDocumentSource({ ...base }, root, uids).kind).toBe('missing');
    expect(encapsulatedDocumentSource({ ...base, '00420011': { vr: 'OB', InlineBinary: '%%%' } }, root, uids).kind).toBe('missing');
    expect(encapsulatedDocumentSource({ ...base, '00420011': { vr: 'OB', BulkDataURI: 'http://h/elsewhere' } }, root, uids).kind).toBe('missing');
    expect(encapsulatedDocumentSource({ '00420011': { vr: 'OB', InlineBinary: 'AA==' } }, root, uids).kind).toBe('missing');
  });
});

describe('documentBytes', () => {
  it('drops the padding byte of an odd-length document only', () => {
    const bytes = new Uint8Array([1, 2, 3, 0]);
    expect([...documentBytes(bytes, 3)]).toEqual([1, 2, 3]);
    expect([...documentBytes(bytes, undefined)]).toEqual([1, 2, 3, 0]);
    expect([...documentBytes(bytes, 10)]).toEqual([1, 2, 3, 0]);
  });
});
