/**
 * The presentation commands of a stack viewport: invert, rotate a quarter turn, flip, fit, 1:1, reset; and what
 * the overlays read back from it (zoom, orientation markers).
 */
import type { StackViewport, Types } from '@cornerstonejs/core';
import { markersFromCamera, type OrientationMarkers } from '../../domain/viewer/orientationMarkers.ts';
import { renderPath } from './cornerstoneSetup.ts';

export type ViewCommand = 'invert' | 'rotate' | 'flipH' | 'flipV' | 'fit' | 'actualSize' | 'reset';

/** Applies one command and renders. */
export function applyViewCommand(viewport: StackViewport, command: ViewCommand): void {
  switch (command) {
    case 'invert':
      viewport.setProperties({ invert: !viewport.getProperties().invert });
      break;
    case 'rotate': {
      const rotation = viewport.getViewPresentation().rotation ?? 0;
      viewport.setViewPresentation({ rotation: (rotation + 90) % 360 });
      break;
    }
    case 'flipH':
      viewport.setCamera({ flipHorizontal: !viewport.getCamera().flipHorizontal });
      break;
    case 'flipV':
      viewport.setCamera({ flipVertical: !viewport.getCamera().flipVertical });
      break;
    case 'fit':
      viewport.resetCamera({ resetPan: true, resetZoom: true });
      break;
    case 'actualSize':
      setRelativeZoom(viewport, actualSizeZoom(viewport));
      break;
    case 'reset':
      viewport.resetProperties();
      viewport.setViewPresentation({ rotation: 0, flipHorizontal: false, flipVertical: false });
      viewport.resetCamera();
      break;
  }
  viewport.render();
}

/** The zoom at which one image pixel covers one screen pixel (zoom 1 fits the image). */
function actualSizeZoom(viewport: StackViewport): number {
  const image = viewport.getCornerstoneImage();
  const canvas = viewport.getCanvas();
  if (!image || canvas.clientWidth === 0 || canvas.clientHeight === 0) return 1;
  const fit = Math.min(canvas.clientWidth / image.columns, canvas.clientHeight / image.rows);
  return fit > 0 ? 1 / fit : 1;
}

/**
 * What one unit of Cornerstone's zoom is, relative to the fitted image. The WebGL path gives zoom relative to fit
 * (1 fits). The CPU path gives canvas pixels per image pixel: there the fitted image's own scale is the unit
 * (as Cornerstone's CPU fitToWindow computes it: canvas pixels, the slower pixel spacing stretched, rotation).
 */
function zoomUnit(viewport: StackViewport): number {
  if (renderPath() !== 'cpu') return 1;
  const image = viewport.getCornerstoneImage();
  const canvas = viewport.getCanvas();
  if (!image || canvas.width === 0 || canvas.height === 0) return 1;
  const quarterTurned = ((viewport.getViewPresentation({ rotation: true }).rotation ?? 0) / 90) % 2 === 1;
  const width = quarterTurned ? image.rows : image.columns;
  const height = quarterTurned ? image.columns : image.rows;
  const rowSpacing = image.rowPixelSpacing || 1;
  const columnSpacing = image.columnPixelSpacing || 1;
  const horizontalRatio = rowSpacing < columnSpacing ? columnSpacing / rowSpacing : 1;
  const verticalRatio = rowSpacing < columnSpacing ? 1 : rowSpacing / columnSpacing;
  const fit = Math.min(canvas.width / width / horizontalRatio, canvas.height / height / verticalRatio);
  return Number.isFinite(fit) && fit > 0 ? fit : 1;
}

/** The zoom relative to the fitted image (1 fits), on either render path: for the overlay and synchronisation. */
export function currentZoom(viewport: StackViewport): number | undefined {
  const zoom = viewport.getZoom() / zoomUnit(viewport);
  return Number.isFinite(zoom) && zoom > 0 ? zoom : undefined;
}

/** Cornerstone's zoom for a zoom relative to the fitted image. */
export function cornerstoneZoom(viewport: StackViewport, relative: number): number {
  return relative * zoomUnit(viewport);
}

function setRelativeZoom(viewport: StackViewport, relative: number): void {
  viewport.setZoom(cornerstoneZoom(viewport, relative));
}

/** The patient directions at the edges of what is shown, from the camera (rotation and flips included). */
export function currentMarkers(viewport: StackViewport): OrientationMarkers | undefined {
  const { viewUp, viewPlaneNormal } = viewport.getCamera();
  if (!viewUp || !viewPlaneNormal) return undefined;
  return markersFromCamera(viewUp as Types.Point3, viewPlaneNormal as Types.Point3);
}
