/**
 * WADO-RS rendered and thumbnail resources (PS3.18 §10.4.1.1.3, §10.7): `…/instances/{i}/rendered`,
 * `…/frames/{n}/rendered` and the `thumbnail` resources of studies, series, instances and frames, as image/png
 * (PS3.18 §8.7.4). A series thumbnail is its middle image, a study thumbnail that of its first series with images;
 * thumbnails fit 128 × 128 unless a `viewport=width,height` says otherwise, and are never enlarged.
 * Query parameters: `viewport`, `window=center,width[,linear]` (PS3.18 §8.3.5.1), `accept` (§8.3.3.1).
 * An encapsulated PDF renders as application/pdf. One frame is rendered per request; JPEG and GIF are not produced.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArchiveContext } from '../archiveContext.ts';
import type { InstanceRecord } from '../dicom/indexPart10File.ts';
import { parseAccept, rangeCovers } from '../http/acceptHeader.ts';
import { badRequest, notAcceptable, notFound } from '../http/httpProblem.ts';
import { DICOMWEB_PREFIX, searchParams } from '../http/requestInfo.ts';
import { requireInstance, requireSeries, requireStudy } from '../wado/findResources.ts';
import { parseFrameList } from '../wado/frameRoutes.ts';
import { readEncapsulatedDocument } from './encapsulatedDocument.ts';
import { renderFramePng } from './renderFrame.ts';
import type { VoiWindow } from './toDisplayImage.ts';

const THUMBNAIL_SIZE = 128;
const MAX_VIEWPORT = 4096;

interface RenderParams {
  study: string;
  series?: string;
  instance?: string;
  frames?: string;
}

function parseViewport(text: string | null): { width: number; height: number } | undefined {
  if (text === null) return undefined;
  const [width, height] = text.split(',').map((item) => Number(item.trim()));
  if (!width || !height || !Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_VIEWPORT || height > MAX_VIEWPORT) {
    throw badRequest(`viewport: "${text}" is not width,height in pixels (1 to ${MAX_VIEWPORT})`);
  }
  return { width, height };
}

function parseWindow(text: string | null): VoiWindow | undefined {
  if (text === null) return undefined;
  const [center, width, shape = 'linear'] = text.split(',').map((item) => item.trim());
  const window = { center: Number(center), width: Number(width) };
  if (!Number.isFinite(window.center) || !Number.isFinite(window.width) || window.width < 1 || shape.toLowerCase() !== 'linear') {
    throw badRequest(`window: "${text}" is not center,width[,linear] with width ≥ 1`);
  }
  return window;
}

function hasImage(instance: InstanceRecord): boolean {
  return instance.pixelData !== undefined && instance.pixelData.frames.length > 0;
}

/** The instance a thumbnail or rendering stands for. */
function targetInstance(context: ArchiveContext, params: RenderParams): InstanceRecord {
  if (params.series !== undefined && params.instance !== undefined) return requireInstance(context.index, params.study, params.series, params.instance);
  const seriesList = params.series !== undefined ? [requireSeries(context.index, params.study, params.series)] : requireStudy(context.index, params.study).series;
  for (const series of seriesList) {
    const images = series.instances.filter(hasImage);
    const middle = images[Math.floor((images.length - 1) / 2)];
    if (middle) return middle;
  }
  throw notFound(`no image to make a thumbnail of in ${params.series ?? params.study}`);
}

export function registerRenderedRoutes(app: FastifyInstance, context: ArchiveContext): void {
  const render = (thumbnail: boolean) => async (request: FastifyRequest<{ Params: RenderParams }>, reply: FastifyReply) => {
    const query = searchParams(request);
    const accept = parseAccept(query.get('accept') ?? request.headers.accept);
    const instance = targetInstance(context, request.params);
    const document = readEncapsulatedDocument(instance);
    if (document) {
      if (!accept.some((range) => rangeCovers(range, document.mediaType))) throw notAcceptable(`this instance renders as ${document.mediaType} only`);
      return reply.code(200).type(document.mediaType).send(await document.read(context.files));
    }
    if (!accept.some((range) => rangeCovers(range, 'image/png'))) throw notAcceptable('rendered images are produced as image/png only');
    if (!hasImage(instance)) throw notAcceptable(`instance ${instance.sopInstanceUid} (SOP Class ${instance.sopClassUid}) has no image to render`);
    const frames = request.params.frames === undefined ? [1] : parseFrameList(request.params.frames, instance.pixelData?.frames.length ?? 0);
    if (frames.length !== 1) throw badRequest('one frame at a time can be rendered');
    const viewport = parseViewport(query.get('viewport')) ?? (thumbnail ? { width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE } : undefined);
    const png = await renderFramePng(context, instance, { frame: frames[0] ?? 1, viewport, enlarge: !thumbnail, window: parseWindow(query.get('window')) });
    return reply.code(200).type('image/png').send(png);
  };
  const root = `${DICOMWEB_PREFIX}/studies/:study`;
  const instance = `${root}/series/:series/instances/:instance`;
  app.get(`${instance}/rendered`, render(false));
  app.get(`${instance}/frames/:frames/rendered`, render(false));
  app.get(`${root}/thumbnail`, render(true));
  app.get(`${root}/series/:series/thumbnail`, render(true));
  app.get(`${instance}/thumbnail`, render(true));
  app.get(`${instance}/frames/:frames/thumbnail`, render(true));
}
