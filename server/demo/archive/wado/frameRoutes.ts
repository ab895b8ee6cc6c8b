/**
 * WADO-RS frames resource (PS3.18 §10.4.1, Table 10.4.1-1, `…/instances/{instance}/frames/{frames}`): one part
 * per requested frame, in request order, each read from the file when the client is ready for it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArchiveContext } from '../archiveContext.ts';
import type { InstanceRecord, PixelDataInfo } from '../dicom/indexPart10File.ts';
import { badRequest, HttpProblem, notFound } from '../http/httpProblem.ts';
import { replyMultipart, type MultipartPart } from '../http/multipartBody.ts';
import { DICOMWEB_PREFIX, dicomWebRoot } from '../http/requestInfo.ts';
import { instanceUrl, requireInstance } from './findResources.ts';
import { negotiatePixelData } from './negotiateRetrieve.ts';
import { pixelTransferSyntax, readPixelRanges } from '../dicom/nativePixelData.ts';

/** Parses a frame list (PS3.18 §10.4.1: comma-separated, 1-based); 400 if malformed, 404 if out of range. */
export function parseFrameList(text: string, frameCount: number): number[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.length === 0 || items.some((item) => !/^\d+$/.test(item) || Number(item) < 1)) {
    throw badRequest(`"${text}" is not a list of frame numbers (1-based, comma-separated)`);
  }
  const frames = items.map(Number);
  const missing = frames.find((frame) => frame > frameCount);
  if (missing !== undefined) throw notFound(`frame ${missing} does not exist: the instance has ${frameCount} frame(s)`);
  return frames;
}

/** The located frames of an instance's pixel data, or the HTTP reason why there are none. */
export function requirePixelData(instance: InstanceRecord): PixelDataInfo {
  const pixelData = instance.pixelData;
  if (!pixelData) throw notFound(`instance ${instance.sopInstanceUid} has no Pixel Data (SOP Class ${instance.sopClassUid})`);
  if (pixelData.problem) throw new HttpProblem(500, `the frames of instance ${instance.sopInstanceUid} cannot be read: ${pixelData.problem}`);
  return pixelData;
}

interface FrameParams {
  study: string;
  series: string;
  instance: string;
  frames: string;
}

export function registerFrameRoutes(app: FastifyInstance, context: ArchiveContext): void {
  const frames = async (request: FastifyRequest<{ Params: FrameParams }>, reply: FastifyReply) => {
    const { study, series, instance: sopInstanceUid } = request.params;
    const instance = requireInstance(context.index, study, series, sopInstanceUid);
    const pixelData = requirePixelData(instance);
    const numbers = parseFrameList(request.params.frames, pixelData.frames.length);
    const representation = negotiatePixelData(request.headers.accept, pixelTransferSyntax(instance));
    const base = `${instanceUrl(dicomWebRoot(request), instance)}/frames/`;
    const parts: MultipartPart[] = numbers.map((number) => {
      const ranges = pixelData.frames[number - 1] ?? [];
      return {
        contentType: representation.partType,
        contentLocation: `${base}${number}`,
        length: ranges.reduce((sum, range) => sum + range.length, 0),
        open: () => readPixelRanges(context.files, instance, ranges),
      };
    });
    return replyMultipart(reply, request.url, representation.rootType, representation.transferSyntax, parts);
  };
  app.get(`${DICOMWEB_PREFIX}/studies/:study/series/:series/instances/:instance/frames/:frames`, frames);
}
