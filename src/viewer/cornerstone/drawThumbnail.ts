/**
 * A series thumbnail drawn in the browser from a frame decoded as the viewports decode theirs (see
 * archiveSafeFrames.ts): no archive rendering or conversion, whatever the transfer syntax.
 */
import { utilities } from '@cornerstonejs/core';
import { registerInstanceMetadata } from './metadataGate.ts';
import { renderPath, startCornerstone } from './cornerstoneSetup.ts';

/** Draws the frame `imageId` of `instance` (its WADO-RS metadata) into `canvas`. */
export async function drawThumbnail(canvas: HTMLCanvasElement, imageId: string, instance: object): Promise<void> {
  startCornerstone();
  registerInstanceMetadata(imageId, instance);
  const size = canvas.clientWidth || 64;
  canvas.width = Math.round(size * devicePixelRatio);
  canvas.height = Math.round(size * devicePixelRatio);
  // Drawn the way the viewports draw: the decoded image is cached under its image id for both, and a colour image
  // decoded for the CPU path (RGBA) would be shown wrong by a WebGL viewport that takes it from the cache, and the
  // other way round.
  await utilities.loadImageToCanvas({ canvas, imageId, useCPURendering: renderPath() === 'cpu' });
}
