/**
 * The bulk data resources that metadata points to with BulkDataURIs (PS3.18 §10.4.1.1.3, §F.2.6):
 * `…/instances/{instance}/bulk/{path}`, where the path is a tag, or `SEQTAG/ITEM/TAG` inside sequences.
 * Answered as multipart/related; type="application/octet-stream" (PS3.18 §8.7.3.3). The Pixel Data is sent as
 * stored: native, in one part; encapsulated, one part per frame (the fragments of a frame joined, PS3.18 §8.7.3.3.2).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArchiveContext } from '../archiveContext.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../dicom/transferSyntax.ts';
import { notFound } from '../http/httpProblem.ts';
import { replyMultipart, type MultipartPart } from '../http/multipartBody.ts';
import { DICOMWEB_PREFIX } from '../http/requestInfo.ts';
import { requireInstance } from './findResources.ts';
import { requirePixelData } from './frameRoutes.ts';
import { negotiatePixelData } from './negotiateRetrieve.ts';
import { pixelTransferSyntax, readPixelRanges } from '../dicom/nativePixelData.ts';

interface BulkParams {
  study: string;
  series: string;
  instance: string;
  '*': string;
}

export function registerBulkRoutes(app: FastifyInstance, context: ArchiveContext): void {
  const bulk = async (request: FastifyRequest<{ Params: BulkParams }>, reply: FastifyReply) => {
    const { study, series, instance: sopInstanceUid } = request.params;
    const instance = requireInstance(context.index, study, series, sopInstanceUid);
    const path = request.params['*'].replace(/\/+$/, '').toUpperCase();
    const source = instance.bulk.get(path);
    if (!source) throw notFound(`instance ${sopInstanceUid} has no bulk data at "${path}"`);
    if (source.kind === 'pixelData') {
      const pixelData = requirePixelData(instance);
      const representation = negotiatePixelData(request.headers.accept, pixelTransferSyntax(instance));
      const groups = pixelData.encapsulated ? pixelData.frames : [pixelData.frames.flat()];
      const parts: MultipartPart[] = groups.map((ranges) => ({
        contentType: representation.partType,
        length: ranges.reduce((sum, range) => sum + range.length, 0),
        open: () => readPixelRanges(context.files, instance, ranges),
      }));
      return replyMultipart(reply, request.url, representation.rootType, representation.transferSyntax, parts);
    }
    negotiatePixelData(request.headers.accept, EXPLICIT_VR_LITTLE_ENDIAN);
    const part: MultipartPart =
      source.kind === 'file'
        ? { contentType: 'application/octet-stream', length: source.length, open: () => context.files.read(instance.file, [source]) }
        : { contentType: 'application/octet-stream', length: source.bytes.byteLength, open: async () => Buffer.from(source.bytes) };
    return replyMultipart(reply, request.url, 'application/octet-stream', undefined, [part]);
  };
  app.get(`${DICOMWEB_PREFIX}/studies/:study/series/:series/instances/:instance/bulk/*`, bulk);
}
