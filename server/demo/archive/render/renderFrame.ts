/**
 * Renders one frame of an instance to PNG (PS3.18 §8.7.4 Rendered Media Types, §8.3.5.1 rendering parameters),
 * reading the frame from the file and caching the result by instance, frame, viewport and window.
 */
import type { ArchiveContext } from '../archiveContext.ts';
import type { InstanceRecord } from '../dicom/indexPart10File.ts';
import { notAcceptable } from '../http/httpProblem.ts';
import { decodeFrame } from './decodeFrame.ts';
import { pixelTransferSyntax, readPixelRanges } from '../dicom/nativePixelData.ts';
import { encodePng } from './encodePng.ts';
import { fitToViewport, toDisplayImage, type VoiWindow } from './toDisplayImage.ts';

export interface RenderOptions {
  /** 1-based. */
  frame: number;
  viewport?: { width: number; height: number };
  /** Whether the viewport may enlarge the image (not for thumbnails). */
  enlarge?: boolean;
  window?: VoiWindow;
}

export async function renderFramePng(context: ArchiveContext, instance: InstanceRecord, options: RenderOptions): Promise<Buffer> {
  const { frame, viewport, window, enlarge = true } = options;
  const key = [instance.sopInstanceUid, frame, viewport ? `${viewport.width}x${viewport.height}${enlarge ? '+' : ''}` : '', window ? `${window.center}/${window.width}` : ''].join('|');
  const cached = context.rendered.get(key);
  if (cached) return cached;
  const pixelData = instance.pixelData;
  const ranges = pixelData?.frames[frame - 1];
  if (!pixelData || !ranges) throw notAcceptable(`instance ${instance.sopInstanceUid} has no frame ${frame} to render`);
  const bytes = await readPixelRanges(context.files, instance, ranges);
  const decoded = await decodeFrame(bytes, pixelTransferSyntax(instance), instance.dataset);
  let image = toDisplayImage(decoded, instance.dataset, window);
  if (viewport) image = fitToViewport(image, viewport.width, viewport.height, enlarge);
  const png = encodePng(image.width, image.height, image.channels, image.pixels);
  context.rendered.set(key, png);
  return png;
}
