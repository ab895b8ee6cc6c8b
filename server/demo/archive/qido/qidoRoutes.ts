/**
 * QIDO-RS resources (PS3.18 §10.6.1, Table 10.6.1-1): search for studies, for series (all, or in a study) and for
 * instances (all, in a study, or in a series). Matches are paged with `limit`/`offset`; when matches remain after
 * the returned ones, a Warning header says so (PS3.18 §8.3.4.4.1). An empty result is 200 with `[]`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArchiveContext } from '../archiveContext.ts';
import { sendDicomJson, negotiateDicomJson } from '../http/dicomJsonReply.ts';
import { DICOMWEB_PREFIX, dicomWebRoot, searchParams, warnAgent } from '../http/requestInfo.ts';
import { parseQidoQuery } from './parseQidoQuery.ts';
import type { QidoLevel } from './qidoAttributes.ts';
import { searchArchive, type QidoScope } from './searchArchive.ts';

/** Warning text of PS3.18 §8.3.4.4.1 for a response that leaves matches out. */
export const MORE_RESULTS_WARNING = 'There are additional results that can be requested';

interface Params {
  study?: string;
  series?: string;
}

export function registerQidoRoutes(app: FastifyInstance, context: ArchiveContext): void {
  const search = (level: QidoLevel) => async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    negotiateDicomJson(request);
    const scope: QidoScope = { studyUid: request.params.study, seriesUid: request.params.series };
    const query = parseQidoQuery(searchParams(request));
    const result = searchArchive(context.index, level, scope, query, dicomWebRoot(request));
    if (result.remaining > 0) reply.header('warning', `299 ${warnAgent(request)} "${MORE_RESULTS_WARNING}"`);
    return sendDicomJson(request, reply, result.matches);
  };
  const root = DICOMWEB_PREFIX;
  app.get(`${root}/studies`, search('study'));
  app.get(`${root}/series`, search('series'));
  app.get(`${root}/studies/:study/series`, search('series'));
  app.get(`${root}/instances`, search('instance'));
  app.get(`${root}/studies/:study/instances`, search('instance'));
  app.get(`${root}/studies/:study/series/:series/instances`, search('instance'));
}
