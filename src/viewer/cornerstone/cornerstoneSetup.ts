/**
 * One-time start of Cornerstone3D for the page: the rendering core, the tools (before any viewport is
 * enabled, or their input listeners never attach), and the DICOM image loader with one decode worker per
 * logical core. Frames are requested in their stored transfer syntax (the loader's WADO-RS Accept header is
 * `multipart/related; type=application/octet-stream; transfer-syntax=*`): the archive never transcodes.
 */
import { init as initCore, getRenderingCapabilities } from '@cornerstonejs/core';
import { addTool, init as initTools, PanTool, StackScrollTool, WindowLevelTool, ZoomTool } from '@cornerstonejs/tools';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';

export type RenderPath = 'gpu' | 'cpu';

let started = false;

/** Starts Cornerstone3D once; later calls do nothing. */
export function startCornerstone(): void {
  if (started) return;
  initCore();
  initTools();
  dicomImageLoader.init({ maxWebWorkers: Math.max(1, navigator.hardwareConcurrency || 1) });
  for (const tool of [WindowLevelTool, ZoomTool, PanTool, StackScrollTool]) addTool(tool);
  started = true;
}

/** What draws the images: WebGL, or the CPU path where WebGL is missing. */
export function renderPath(): RenderPath {
  return getRenderingCapabilities().webgl ? 'gpu' : 'cpu';
}
