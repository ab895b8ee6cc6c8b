/**
 * WADO-RS frame retrieval that copes with archives that cannot send some stored syntaxes as they are.
 *
 * The image loader asks for every frame with `transfer-syntax=*` (the stored syntax: nothing is transcoded).
 * Native pixel data of a data set stored in Explicit VR Big Endian or Deflated Explicit VR Little Endian has no
 * representation of its own over DICOMweb: PS3.18 §8.7.3.3 (Table 8.7.3-4) sends native frames as
 * `application/octet-stream` in Explicit VR Little Endian, which is what a request without `transfer-syntax`
 * means. Some archives (Orthanc 1.10 with DICOMweb 1.7) answer `transfer-syntax=*` for such instances with an
 * HTTP error; the frame is then asked for once more as native little endian, and kept only when it is exactly a
 * native frame's size, since some archives send a codestream they cannot convert under that label.
 *
 * Failures are turned into errors that say what the archive answered, or which site the gateway could not reach,
 * so the slice shows a reason.
 */
import { metaData, registerImageLoader, type Types } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { siteTroubleOfXhr } from '../../adapters/siteTrouble.ts';

/** The Accept of a native frame in Explicit VR Little Endian (PS3.18 Table 8.7.3-4, the default). */
const NATIVE_LITTLE_ENDIAN = 'multipart/related; type="application/octet-stream"';

const askedAsNative = new Set<string>();

/** What an XMLHttpRequest rejection of the loader says, as an Error; undefined for any other failure. */
export function archiveRefusal(error: unknown): Error | undefined {
  if (typeof XMLHttpRequest === 'undefined' || !(error instanceof XMLHttpRequest)) return undefined;
  let detail = '';
  try {
    const body: unknown = error.response;
    const text = body instanceof ArrayBuffer ? new TextDecoder().decode(body.slice(0, 2000)) : typeof body === 'string' ? body : '';
    const parsed = JSON.parse(text) as { Message?: unknown; OrthancError?: unknown; detail?: unknown; message?: unknown };
    const message = [parsed.detail, parsed.message, parsed.Message, parsed.OrthancError].find((value) => typeof value === 'string');
    if (typeof message === 'string') detail = message;
  } catch {
    // Not JSON: the status alone.
  }
  const status = error.status === 0 ? 'no answer' : `HTTP ${error.status}`;
  return new Error(`the archive could not send this frame in its stored transfer syntax (${status}${detail ? `: ${detail}` : ''})`);
}

/** Bytes of one native frame of the image, from its Image Pixel module (PS3.3 §C.7.6.3); undefined if unknown. */
function nativeFrameBytes(imageId: string): number | undefined {
  const module = metaData.get('imagePixelModule', imageId) as
    | { rows?: number; columns?: number; samplesPerPixel?: number; bitsAllocated?: number }
    | undefined;
  if (!module?.rows || !module.columns || !module.bitsAllocated) return undefined;
  return Math.ceil((module.rows * module.columns * (module.samplesPerPixel ?? 1) * module.bitsAllocated) / 8);
}

/** Length of the body of the single part of a multipart/related answer (PS3.18 §8.6.1.2, RFC 2046 §5.1.1). */
export function singlePartLength(body: Uint8Array, contentType: string): number | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const text = new TextDecoder('latin1').decode(body);
  const headersEnd = text.indexOf('\r\n\r\n', text.indexOf(`--${boundary}`));
  const closing = text.indexOf(`\r\n--${boundary}`, headersEnd + 4);
  if (headersEnd === -1 || closing === -1) return undefined;
  return closing - (headersEnd + 4);
}

/**
 * Requests sent for a native frame, and what each must hold. An answer that is not exactly one native frame
 * (a codestream an archive could not convert, sent under the native label) is refused before it is decoded.
 */
const nativeRequests = new WeakMap<XMLHttpRequest, number | undefined>();

function checkNativeAnswer(xhr: XMLHttpRequest): void {
  if (!nativeRequests.has(xhr)) return;
  const expected = nativeRequests.get(xhr);
  const body = xhr.response instanceof ArrayBuffer ? new Uint8Array(xhr.response) : undefined;
  const length = body ? singlePartLength(body, xhr.getResponseHeader('Content-Type') ?? '') : undefined;
  if (expected === undefined || length !== expected) throw new Error(`not a native frame: ${length ?? '?'} bytes for ${expected ?? '?'}`);
}

function loadWithNativeFallback(imageId: string, options?: Record<string, unknown>): Types.IImageLoadObject {
  const load = dicomImageLoader.wadors.loadImage as (id: string, loadOptions?: Record<string, unknown>) => Types.IImageLoadObject;
  const first = load(imageId, options);
  const promise = first.promise.catch(async (error: unknown) => {
    // The gateway could not reach the site: asking again in another syntax would only add to its trouble.
    const trouble = siteTroubleOfXhr(error);
    if (trouble) throw trouble;
    const refusal = archiveRefusal(error);
    if (!refusal) throw error;
    askedAsNative.add(imageId);
    try {
      return await load(imageId, options).promise;
    } catch {
      throw refusal;
    } finally {
      askedAsNative.delete(imageId);
    }
  });
  return { promise, cancelFn: first.cancelFn };
}

let registered = false;

/** Replaces the `wadors:` loader by one with the fallback above; call after the image loader's `init`. */
export function registerNativeFrameFallback(): void {
  if (registered) return;
  registered = true;
  const { getOptions, setOptions } = dicomImageLoader.internal;
  const { beforeSend, beforeProcessing } = getOptions();
  setOptions({
    beforeSend: async (xhr: XMLHttpRequest, imageId: string, defaultHeaders: Record<string, string>, params: unknown) => {
      const headers = (await beforeSend?.(xhr, imageId, defaultHeaders, params as never)) as Record<string, string> | undefined;
      if (!askedAsNative.has(imageId)) return headers;
      nativeRequests.set(xhr, nativeFrameBytes(imageId));
      return { ...headers, Accept: NATIVE_LITTLE_ENDIAN };
    },
    beforeProcessing: async (xhr: XMLHttpRequest) => {
      checkNativeAnswer(xhr);
      return beforeProcessing ? beforeProcessing(xhr) : (xhr.response as ArrayBuffer);
    },
  } as Parameters<typeof setOptions>[0]);
  registerImageLoader('wadors', loadWithNativeFallback as Parameters<typeof registerImageLoader>[1]);
}
