/**
 * Where the document of an Encapsulated Document instance (PS3.3 §C.24.2, e.g. Encapsulated PDF Storage,
 * §A.45.1) is: inline in the metadata (`InlineBinary`, PS3.18 §F.2.7) or behind a bulk data URI (§F.2.6).
 * Archives write bulk data URIs with their own host (Orthanc builds them from the request's Host header); they
 * are only ever followed through the site's same-origin DICOMweb root, never to another host.
 */
import { attributeOf, isDicomJsonDataset, numberValue, stringValue } from '../dicom/dicomJson.ts';

const ENCAPSULATED_DOCUMENT = '00420011';
const MIME_TYPE = '00420012';
const DOCUMENT_LENGTH = '00420015';
const DOCUMENT_TITLE = '00420010';

/** The encapsulated document of an instance, and how to get its bytes. */
export type DocumentSource =
  | { kind: 'inline'; mimeType: string; title: string | undefined; bytes: Uint8Array; length: number | undefined }
  | { kind: 'bulk'; mimeType: string; title: string | undefined; path: string; length: number | undefined }
  | { kind: 'missing'; mimeType: string | undefined; title: string | undefined };

const UID_SEGMENT = /^[0-9.]{1,64}$/;
const BULK_TAIL = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/**
 * A bulk data URI of an archive as a path under `dicomwebRoot` (the site's same-origin root): the part from
 * `studies/{uid}/series/{uid}/instances/{uid}/` on is kept, whatever host or prefix the archive wrote, provided
 * the UIDs are those of the instance and the rest is plain path segments (no `..`, no query). `undefined` for
 * anything else: such a URI is not followed.
 */
export function resolveBulkDataUri(
  uri: string,
  dicomwebRoot: string,
  instance: { studyUid: string; seriesUid: string; sopInstanceUid: string },
): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(uri, 'http://relative.invalid/').pathname;
  } catch {
    return undefined;
  }
  const segments = pathname.split('/');
  const at = segments.lastIndexOf('studies', segments.length - 7);
  if (at < 0) return undefined;
  const [, study, seriesWord, series, instancesWord, sop, ...rest] = segments.slice(at);
  if (seriesWord !== 'series' || instancesWord !== 'instances') return undefined;
  if (study !== instance.studyUid || series !== instance.seriesUid || sop !== instance.sopInstanceUid) return undefined;
  if (![study, series, sop].every((uid) => UID_SEGMENT.test(uid))) return undefined;
  const tail = rest.join('/');
  if (!BULK_TAIL.test(tail) || rest.some((segment) => segment === '.' || segment === '..')) return undefined;
  return `${dicomwebRoot}/studies/${study}/series/${series}/instances/${sop}/${tail}`;
}

/** Bytes of a base64 `InlineBinary` value (PS3.18 §F.2.7), `undefined` when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
    return bytes;
  } catch {
    return undefined;
  }
}

/** The Encapsulated Document (0042,0011) of one instance's DICOM JSON metadata, and its MIME type (0042,0012). */
export function encapsulatedDocumentSource(
  metadata: unknown,
  dicomwebRoot: string,
  instance: { studyUid: string; seriesUid: string; sopInstanceUid: string },
): DocumentSource {
  const dataset = Array.isArray(metadata) ? metadata[0] : metadata;
  if (!isDicomJsonDataset(dataset)) return { kind: 'missing', mimeType: undefined, title: undefined };
  const mimeType = stringValue(dataset, MIME_TYPE)?.toLowerCase();
  const title = stringValue(dataset, DOCUMENT_TITLE);
  const length = numberValue(dataset, DOCUMENT_LENGTH);
  const attribute = attributeOf(dataset, ENCAPSULATED_DOCUMENT);
  if (mimeType === undefined || attribute === undefined) return { kind: 'missing', mimeType, title };
  if (typeof attribute.InlineBinary === 'string') {
    const bytes = decodeBase64(attribute.InlineBinary);
    return bytes ? { kind: 'inline', mimeType, title, bytes, length } : { kind: 'missing', mimeType, title };
  }
  if (typeof attribute.BulkDataURI === 'string') {
    const path = resolveBulkDataUri(attribute.BulkDataURI, dicomwebRoot, instance);
    return path ? { kind: 'bulk', mimeType, title, path, length } : { kind: 'missing', mimeType, title };
  }
  return { kind: 'missing', mimeType, title };
}

/**
 * The document's bytes without the padding byte of an odd-length value (PS3.5 §7.1.1): cut to Encapsulated
 * Document Length (0042,0015) when it is given and shorter.
 */
export function documentBytes(bytes: Uint8Array, length: number | undefined): Uint8Array {
  return length !== undefined && length >= 0 && length < bytes.length ? bytes.subarray(0, length) : bytes;
}
