/**
 * What the archive reads off a request besides its route: the DICOMweb root URL as the client reached it (from the
 * Host header, for Retrieve URLs and BulkDataURIs, PS3.18 §10.6.3.3 and §F.2.6), and the raw query parameters.
 */
import type { FastifyRequest } from 'fastify';

/** Path of the DICOMweb root on this server. */
export const DICOMWEB_PREFIX = '/dicom-web';

export function dicomWebRoot(request: FastifyRequest): string {
  const host = request.headers.host ?? `${request.hostname}`;
  return `${request.protocol}://${host}${DICOMWEB_PREFIX}`;
}

/** Query parameters in order, repeated names kept (URLSearchParams decoding: percent-escapes and `+`). */
export function searchParams(request: FastifyRequest): URLSearchParams {
  const url = request.raw.url ?? '';
  const question = url.indexOf('?');
  return new URLSearchParams(question < 0 ? '' : url.slice(question + 1));
}

/** The warn-agent of a Warning header (RFC 7234 §5.5): this server's host and port. */
export function warnAgent(request: FastifyRequest): string {
  return (request.headers.host ?? 'passerelle-demo-archive').replace(/[\s"]/g, '');
}
