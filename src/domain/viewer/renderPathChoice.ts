/**
 * Which path draws the images: the GPU (WebGL, Cornerstone3D's default) or the CPU (the image drawn into a 2D
 * canvas). A graphics processor is faster; a WebGL that is only a software rasteriser is not. Virtual desktops,
 * remote sessions and machines without a graphics driver run WebGL on the CPU (SwiftShader, llvmpipe, the
 * Microsoft Basic Render Driver), where every frame is drawn then read back into the page; the CPU path draws
 * straight into the page and scrolls several times faster there.
 */

export type RenderPath = 'gpu' | 'cpu';
/** The deployment's choice (`viewer.renderPath`): `auto` decides from the browser's WebGL. */
export type RenderPathSetting = 'auto' | RenderPath;

/** What the browser says of its WebGL: whether it has one, and its renderer string (WEBGL_debug_renderer_info). */
export interface WebGlDescription {
  available: boolean;
  renderer: string | undefined;
}

const SOFTWARE_RENDERERS = [/swiftshader/i, /llvmpipe/i, /softpipe/i, /microsoft basic render/i, /software rasterizer/i, /\bsoftware\b.*\brender/i];

/** Whether a WebGL renderer string names a software rasteriser rather than a graphics processor. */
export function isSoftwareRenderer(renderer: string | undefined): boolean {
  return renderer !== undefined && SOFTWARE_RENDERERS.some((pattern) => pattern.test(renderer));
}

/** The path to draw with; the reason is for the page's `data-render-path-reason` and support. */
export function chooseRenderPath(setting: RenderPathSetting, webgl: WebGlDescription): { path: RenderPath; reason: string } {
  if (!webgl.available) return { path: 'cpu', reason: 'no WebGL' };
  if (setting === 'gpu') return { path: 'gpu', reason: 'configured' };
  if (setting === 'cpu') return { path: 'cpu', reason: 'configured' };
  if (isSoftwareRenderer(webgl.renderer)) return { path: 'cpu', reason: `software WebGL (${webgl.renderer ?? ''})` };
  return { path: 'gpu', reason: 'graphics processor' };
}
