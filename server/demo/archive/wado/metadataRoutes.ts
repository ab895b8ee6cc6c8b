/**
 * WADO-RS metadata resources (PS3.18 §10.4.1, Table 10.4.1-1): the metadata of every instance of a study, of a
 * series, or of one instance, as a DICOM JSON array.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArchiveContext } from '../archiveContext.ts';
import { negotiateDicomJson, sendDicomJson } from '../http/dicomJsonReply.ts';
import { DICOMWEB_PREFIX, dicomWebRoot } from '../http/requestInfo.ts';
import { instancesOf, type ResourceParams } from './findResources.ts';
import { instanceMetadata } from './instanceMetadata.ts';

export function registerMetadataRoutes(app: FastifyInstance, context: ArchiveContext): void {
  const metadata = async (request: FastifyRequest<{ Params: ResourceParams }>, reply: FastifyReply) => {
    negotiateDicomJson(request);
    const root = dicomWebRoot(request);
    const instances = instancesOf(context.index, request.params);
    return sendDicomJson(request, reply, instances.map((instance) => instanceMetadata(instance, root)));
  };
  const root = DICOMWEB_PREFIX;
  app.get(`${root}/studies/:study/metadata`, metadata);
  app.get(`${root}/studies/:study/series/:series/metadata`, metadata);
  app.get(`${root}/studies/:study/series/:series/instances/:instance/metadata`, metadata);
}
