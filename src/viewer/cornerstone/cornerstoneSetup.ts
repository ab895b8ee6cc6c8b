/**
 * One-time start of Cornerstone3D for the page: the rendering core, the tools (before any viewport is
 * enabled, or their input listeners never attach), and the DICOM image loader with one decode worker per
 * logical core. Frames are requested in their stored transfer syntax (the loader's WADO-RS Accept header is
 * `multipart/related; type=application/octet-stream; transfer-syntax=*`), or taken as the stored instance where
 * the archive cannot send them so (archiveSafeFrames.ts): the archive never transcodes.
 */
import { cache, getShouldUseCPURendering, imageLoadPoolManager, StackViewport, imageRetrievalPoolManager, init as initCore, getRenderingCapabilities, RenderingEngine, setUseCPURendering } from '@cornerstonejs/core';
import { addTool, init as initTools } from '@cornerstonejs/tools';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { VIEWPORT_TOOLS } from './viewportTools.ts';
import { startImageLoadTracking } from './imageLoadTracker.ts';
import { startImageCache } from './imageCache.ts';
import { registerArchiveSafeFrames } from './archiveSafeFrames.ts';
import { installMetadataGate } from './metadataGate.ts';
import { boundPrefetchLoads } from './stackPrefetcher.ts';
import { chooseRenderPath, type RenderPath, type RenderPathSetting, type WebGlDescription } from '../../domain/viewer/renderPathChoice.ts';

let started = false;

/** Starts Cornerstone3D once; later calls do nothing. */
export function startCornerstone(): void {
  if (started) return;
  routeSvgStylesThroughCssom();
  initCore();
  setRenderPathSetting();
  initTools();
  dicomImageLoader.init({ maxWebWorkers: Math.max(1, navigator.hardwareConcurrency || 1) });
  installMetadataGate();
  registerArchiveSafeFrames();
  for (const tool of VIEWPORT_TOOLS) addTool(tool);
  startImageLoadTracking();
  startImageCache();
  handleImageLoadRejections();
  boundPrefetchLoads();
  started = true;
}

let renderingEngine: RenderingEngine | undefined;

/**
 * The page's one rendering engine, shared by every viewport: an engine holds a pool of WebGL contexts, and a
 * browser keeps only a few (Chromium 16), so one engine per viewport would lose contexts in a 3×3 layout.
 */
export function sharedRenderingEngine(): RenderingEngine {
  renderingEngine ??= new RenderingEngine('passerelle-engine');
  return renderingEngine;
}

let webGlRenderer: string | undefined | null = null;

/** What renders the browser's WebGL (a throwaway context, released at once); read once, and only for `auto`. */
function readWebGlRenderer(): string | undefined {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return typeof renderer === 'string' ? renderer : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Chooses what draws the images (see renderPathChoice.ts) for the deployment's `viewer.renderPath`; call before
 * viewports are created. The choice and its reason are on the page root: `data-render-path`,
 * `data-render-path-reason`.
 */
export function setRenderPathSetting(setting: RenderPathSetting = 'auto'): void {
  const available = getRenderingCapabilities().webgl;
  if (setting === 'auto' && available && webGlRenderer === null) webGlRenderer = readWebGlRenderer();
  const webGl: WebGlDescription = { available, renderer: webGlRenderer ?? undefined };
  const choice = chooseRenderPath(setting, webGl);
  if ((choice.path === 'cpu') !== getShouldUseCPURendering()) setUseCPURendering(choice.path === 'cpu');
  document.documentElement.dataset.renderPath = choice.path;
  document.documentElement.dataset.renderPathReason = choice.reason;
}

/** What draws the images now. */
export function renderPath(): RenderPath {
  return getShouldUseCPURendering() ? 'cpu' : 'gpu';
}

let svgStylesThroughCssom = false;

/**
 * The measurement tools write their SVG text styles with `setAttribute('style', …)`, which the page's
 * Content-Security-Policy (`style-src 'self'`) blocks. Routes that one attribute of SVG elements through the
 * CSSOM, which the policy allows, so that the text keeps its shadow and stays transparent to the pointer.
 */
export function routeSvgStylesThroughCssom(): void {
  if (svgStylesThroughCssom) return;
  svgStylesThroughCssom = true;
  const setAttribute = Element.prototype.setAttribute;
  SVGElement.prototype.setAttribute = function setSvgAttribute(this: SVGElement, name: string, value: string) {
    if (name.toLowerCase() === 'style') this.style.cssText = value;
    else setAttribute.call(this, name, value);
  };
}

/**
 * Cornerstone drops some promises of a failed image load: `loadAndCacheImage` the one of
 * `cache.putImageLoadObject`, the request pools the `finally` of each request. An image that cannot be retrieved
 * or decoded would surface as unhandled rejections, several per image. Its failure still reaches the loader's own
 * promise, IMAGE_LOAD_FAILED and IMAGE_LOAD_ERROR (and so the viewport); those dropped copies are marked handled.
 * So is the promise of the slice a stack viewport is asked for, which the scroll tool drops and which the CPU path
 * rejects for a slice that cannot be decoded.
 */
function handleImageLoadRejections(): void {
  const putImageLoadObject = cache.putImageLoadObject.bind(cache);
  cache.putImageLoadObject = (imageId, imageLoadObject) => {
    const caching = putImageLoadObject(imageId, imageLoadObject);
    caching.catch(() => undefined);
    return caching;
  };
  for (const pool of [imageLoadPoolManager, imageRetrievalPoolManager]) {
    const addRequest = pool.addRequest.bind(pool);
    pool.addRequest = (requestFn, type, additionalDetails, priority) => {
      const settled = () => {
        const result: unknown = requestFn();
        // The pool only waits for a request to settle; its value and failure are the requester's.
        return result instanceof Promise ? result.then(() => undefined, () => undefined) : result;
      };
      addRequest(settled as typeof requestFn, type, additionalDetails, priority);
    };
  }
  const setImageIdIndex = StackViewport.prototype.setImageIdIndex;
  StackViewport.prototype.setImageIdIndex = function showSlice(this: StackViewport, index: number) {
    const shown = setImageIdIndex.call(this, index);
    shown.catch(() => undefined);
    return shown;
  };
}
