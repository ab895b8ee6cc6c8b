/**
 * A series thumbnail drawn in the browser from a frame the viewer decodes anyway (its metadata registered by the
 * viewport showing the series): no archive rendering needed, whatever the transfer syntax.
 */
import { utilities } from '@cornerstonejs/core';
import { renderPath, startCornerstone } from './cornerstoneSetup.ts';

export async function drawThumbnail(canvas: HTMLCanvasElement, imageId: string): Promise<void> {
  startCornerstone();
  const size = canvas.clientWidth || 64;
  canvas.width = Math.round(size * devicePixelRatio);
  canvas.height = Math.round(size * devicePixelRatio);
  // Drawn the way the viewports draw: the decoded image is cached under its image id for both, and a colour image
  // decoded for the CPU path (RGBA) would be shown wrong by a WebGL viewport that takes it from the cache, and the
  // other way round.
  await utilities.loadImageToCanvas({ canvas, imageId, useCPURendering: renderPath() === 'cpu' });
}
