/**
 * WADO-RS retrieve of whole instances (PS3.18 §10.4.1, Table 10.4.1-1): a study, a series or one instance as
 * multipart/related; type="application/dicom", one Part 10 file per part streamed from disk as stored; one
 * instance may also be asked for as a single application/dicom body.
 */
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArchiveContext } from '../archiveContext.ts';
import { replyMultipart, type MultipartPart } from '../http/multipartBody.ts';
import { DICOMWEB_PREFIX, dicomWebRoot } from '../http/requestInfo.ts';
import { instancesOf, instanceUrl, type ResourceParams } from './findResources.ts';
import { negotiateInstances } from './negotiateRetrieve.ts';

export function registerRetrieveRoutes(app: FastifyInstance, context: ArchiveContext): void {
  const retrieve = async (request: FastifyRequest<{ Params: ResourceParams }>, reply: FastifyReply) => {
    const instances = instancesOf(context.index, request.params);
    const syntaxes = instances.map((instance) => instance.transferSyntaxUid);
    const { multipart } = negotiateInstances(request.headers.accept, syntaxes);
    const [first] = instances;
    if (!multipart && first) {
      return reply
        .code(200)
        .header('content-type', `application/dicom; transfer-syntax=${first.transferSyntaxUid}`)
        .header('content-length', String(first.fileSize))
        .send(fs.createReadStream(first.file));
    }
    const root = dicomWebRoot(request);
    const parts: MultipartPart[] = instances.map((instance) => ({
      contentType: `application/dicom; transfer-syntax=${instance.transferSyntaxUid}`,
      contentLocation: instanceUrl(root, instance),
      length: instance.fileSize,
      open: () => fs.createReadStream(instance.file),
    }));
    const distinct = new Set(syntaxes);
    const transferSyntax = distinct.size === 1 ? syntaxes[0] : undefined;
    return replyMultipart(reply, request.url, 'application/dicom', transferSyntax, parts);
  };
  const root = DICOMWEB_PREFIX;
  app.get(`${root}/studies/:study`, retrieve);
  app.get(`${root}/studies/:study/series/:series`, retrieve);
  app.get(`${root}/studies/:study/series/:series/instances/:instance`, retrieve);
}
