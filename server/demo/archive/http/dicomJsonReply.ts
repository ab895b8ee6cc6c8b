/**
 * Replies in the DICOM JSON Model (PS3.18 §8.7.3.2, Annex F): `application/dicom+json`, or `application/json` for a
 * client that asks for that only. DICOM JSON is always UTF-8 (PS3.18 §F.2), whatever the Specific Character Set of
 * the stored data sets. The XML representations (multipart/related; type="application/dicom+xml") are not offered.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseAccept, rangeCovers } from './acceptHeader.ts';
import { notAcceptable } from './httpProblem.ts';

export function negotiateDicomJson(request: FastifyRequest): string {
  for (const range of parseAccept(request.headers.accept)) {
    if (range.mediaType === 'application/json') return 'application/json';
    if (rangeCovers(range, 'application/dicom+json')) return 'application/dicom+json';
  }
  throw notAcceptable(`this archive answers in application/dicom+json (or application/json) only; Accept was "${request.headers.accept ?? ''}"`);
}

/** Sends `items` as a JSON array, serialised one item at a time. */
export function sendDicomJson(request: FastifyRequest, reply: FastifyReply, items: readonly unknown[]): FastifyReply {
  const mediaType = negotiateDicomJson(request);
  const body = `[${items.map((item) => JSON.stringify(item)).join(',')}]`;
  return reply.code(200).type(`${mediaType}; charset=utf-8`).send(body);
}
