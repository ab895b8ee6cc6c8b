/**
 * The displayed image asked for before its viewport is set up (WebGL context, tools, camera): its fetch and decode
 * then overlap that work, and the viewport finds it in the cache. Same loader options as the stack viewport's own
 * request on the GPU path (native pixel data, not RGBA), at a higher priority than any other request.
 */
import { Enums, imageLoader, metaData } from '@cornerstonejs/core';
import { renderPath } from './cornerstoneSetup.ts';

/** Starts loading `imageId`, shown at `imageIdIndex`; its failure is the viewport's to report. */
export function requestDisplayedImage(imageId: string | undefined, imageIdIndex: number): void {
  // The CPU path asks for RGBA images: left to the viewport.
  if (imageId === undefined || renderPath() !== 'gpu') return;
  const { transferSyntaxUID } = (metaData.get(Enums.MetadataModules.TRANSFER_SYNTAX, imageId) ?? {}) as { transferSyntaxUID?: string };
  // The stack viewport's loader options (StackViewport.getLoaderImageOptions), two of them beyond the declared type.
  const options: imageLoader.ImageLoaderOptions & { useRGBA: boolean; transferSyntaxUID?: string } = {
    useRGBA: false,
    transferSyntaxUID,
    priority: -5,
    requestType: Enums.RequestType.Interaction,
    additionalDetails: { imageId, imageIdIndex },
  };
  imageLoader.loadAndCacheImage(imageId, options).catch(() => undefined);
}
