/**
 * The `wadors:` image loader, made safe for the archive and never silent for the reader.
 *
 * - A frame is asked for once, in its stored transfer syntax (`transfer-syntax=*`): the archive never transcodes.
 * - When the archive refuses that for an instance (406, or a server error about it: see storedSyntax.ts), the
 *   frame endpoint is not asked again in another syntax. The instance is taken whole, as stored, and decoded in
 *   the browser; the rest of its series goes straight to the instance too. An instance whose metadata names a
 *   stored syntax without a frame representation (big endian, deflated) goes there at once.
 * - Every request has the site's time limit. When the gateway says it could not reach the site (marked down, busy,
 *   unreachable), nothing else is asked: the slice says what happened to the site (siteTrouble.ts).
 * - Whatever fails (the archive, the network, the metadata, the decoder, an exception thrown by the loader
 *   itself) rejects that one slice's promise with an ImageLoadFailure the viewport puts in words.
 */
import { registerImageLoader, type Types } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { decodedFrameSyntax, hasNoFrameRepresentation, isFrameRefusal, storedTransferSyntax } from '../../domain/dicom/storedSyntax.ts';
import { frameForDecoder, signExtend, isNativeSyntax, jpeg2000SignedSamples, nativeFrameLength, needsOwnRleDecoder, RLE_LOSSLESS } from '../../domain/dicom/nativePixels.ts';
import { numberValue } from '../../domain/dicom/dicomJson.ts';
import { headerWindow } from '../../domain/viewer/voiPresets.ts';
import { encapsulatedFrame } from '../../domain/dicom/encapsulatedFrames.ts';
import { failureOfException, failureOfStatus, type ImageFailure } from '../../domain/viewer/imageFailure.ts';
import { SiteTroubleError, siteTroubleOfXhr } from '../../adapters/siteTrouble.ts';
import { errorDetail, forgetStoredInstance, ImageLoadFailure, storedInstance } from './storedInstance.ts';
import { awaitInstanceMetadata, correctInstanceMetadata, instanceMetadataOf } from './metadataGate.ts';

const DEFAULT_TIMEOUT_MS = 8000;
/** Time limits by same-origin DICOMweb root (`/sites/{id}/dicom-web`). */
const siteTimeouts = new Map<string, number>();
/** Series (their WADO-RS URL) whose instances are taken whole. */
const wholeInstanceSeries = new Set<string>();
const timedOut = new WeakSet<XMLHttpRequest>();
/** Frame answers to be decoded from the stored instance instead (see `checkFrameAnswer`). */
const needsInstance = new WeakSet<XMLHttpRequest>();
const JPEG_2000 = /1\.2\.840\.10008\.1\.2\.4\.(9[0-3]|20[1-3])/;

/**
 * The instances of the series at `seriesUrl` (its WADO-RS URL) are taken whole from now on: a large series, whose
 * metadata comes from the same retrieval as the frame (largeSeriesInstances.ts).
 */
export function takeWholeInstances(seriesUrl: string): void {
  wholeInstanceSeries.add(seriesUrl);
}

/** Sets each site's time limit for image requests (the `timeoutMs` of the site's configuration). */
export function setSiteTimeouts(sites: readonly { dicomweb: string; timeoutMs: number }[]): void {
  for (const site of sites) siteTimeouts.set(site.dicomweb, site.timeoutMs);
}

interface FrameAddress {
  /** The instance's WADO-RS URL. */
  instanceUrl: string;
  seriesUrl: string;
  /** 0-based. */
  frameIndex: number;
  timeoutMs: number;
}

const FRAME_URL = /^(.*\/studies\/[^/]+\/series\/[^/]+)(\/instances\/[^/]+)\/frames\/(\d+)$/;

function frameAddress(imageId: string): FrameAddress | undefined {
  const url = imageId.replace(/^wadors:/, '');
  const match = FRAME_URL.exec(url);
  if (!match) return undefined;
  const path = new URL(url, window.location.origin).pathname;
  const root = [...siteTimeouts.keys()].find((prefix) => path.startsWith(`${prefix}/`));
  return {
    seriesUrl: match[1] ?? '',
    instanceUrl: `${match[1] ?? ''}${match[2] ?? ''}`,
    frameIndex: Math.max(0, Number(match[3]) - 1),
    timeoutMs: (root && siteTimeouts.get(root)) || DEFAULT_TIMEOUT_MS,
  };
}

function failureOf(error: unknown, timeoutMs: number): ImageFailure {
  if (error instanceof ImageLoadFailure) return error.failure;
  if (typeof XMLHttpRequest !== 'undefined' && error instanceof XMLHttpRequest) {
    if (timedOut.has(error)) return { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) };
    const body: unknown = error.response;
    const text = body instanceof ArrayBuffer ? new TextDecoder().decode(body.slice(0, 2000)) : typeof body === 'string' ? body : '';
    return failureOfStatus(error.status, errorDetail(text), Math.round(timeoutMs / 1000));
  }
  return failureOfException(error);
}

/**
 * Makes a JPEG 2000 frame's Pixel Representation agree with its codestream (ISO/IEC 15444-1 SIZ): real files say
 * signed for unsigned samples, which would wrap their values.
 */
function agreeOnSignedness(imageId: string, codestream: Uint8Array): void {
  const signed = jpeg2000SignedSamples(codestream);
  if (signed === undefined) return;
  const declared = numberValue(instanceMetadataOf(imageId), '00280103') === 1;
  // Signed values written as unsigned samples (GDCM and others read them so): sign-extended once decoded.
  if (declared && !signed && (numberValue(instanceMetadataOf(imageId), '00280100') ?? 16) <= 16) {
    signedAsUnsigned.add(instanceKey(imageId));
    const options = loadOptions.get(imageId);
    if (options && !options.targetBuffer) Object.assign(options, SIGNED_TARGET);
  }
  else if (!declared && signed) correctInstanceMetadata(imageId, { '00280103': { vr: 'US', Value: [1] } });
}

/** Instances whose frames are decoded here from the stored instance, their metadata corrected to match. */
const decodedHere = new Set<string>();
/** Instances whose JPEG 2000 samples hold signed values although the codestream says unsigned. */
const signedAsUnsigned = new Set<string>();
/** The options of loads under way (copies, one a load): where the decoded samples must go to a signed array. */
const loadOptions = new Map<string, Record<string, unknown>>();
/** A signed array for the decoder's unsigned samples, so that they can be sign-extended (createImage's `targetBuffer`). */
const SIGNED_TARGET = { targetBuffer: { type: 'Int16Array' } };
const instanceKey = (imageId: string) => imageId.replace(/\/frames\/\d+$/, '');

/** The decoded image, checked and corrected: a failure when it has no size; sign-extended where it must be. */
function decodedImage(imageId: string, image: Types.IImage): Types.IImage {
  if (!image.width || !image.height) throw new ImageLoadFailure({ kind: 'undecodable', detail: 'the decoded image has no size' });
  if (signedAsUnsigned.has(instanceKey(imageId))) {
    const samples = image.getPixelData();
    if (!(samples instanceof Int16Array || samples instanceof Int32Array || samples instanceof Float32Array)) {
      // Unsigned samples cannot hold the negative values: saying so beats a wrapped picture.
      throw new ImageLoadFailure({ kind: 'undecodable', detail: 'its JPEG 2000 codestream says unsigned samples where Pixel Representation says signed' });
    }
    const scaled = samples instanceof Float32Array && image.preScale?.scaled;
    const rescale = scaled ? { slope: image.slope || 1, intercept: image.intercept || 0 } : { slope: 1, intercept: 0 };
    const range = signExtend(samples, numberValue(instanceMetadataOf(imageId), '00280101') ?? 16, rescale);
    image.minPixelValue = range.min;
    image.maxPixelValue = range.max;
    // The window the loader derived from the unsigned range is replaced: the header's, else the new range.
    const header = headerWindow(instanceMetadataOf(imageId));
    image.windowCenter = header?.center ?? (range.min + range.max) / 2;
    image.windowWidth = header?.width ?? Math.max(1, range.max - range.min);
  }
  return image;
}

/** The frame decoded from the whole stored instance. */
async function loadFromStoredInstance(imageId: string, address: FrameAddress, options: Record<string, unknown> | undefined): Promise<Types.IImage> {
  const priority = typeof options?.priority === 'number' ? options.priority : 5;
  // A large series' instance metadata is read on demand: the decoder needs it (frame requests wait for it likewise).
  await awaitInstanceMetadata(imageId);
  const { dataSet, storedSyntax } = await storedInstance(address.instanceUrl, address.timeoutMs, priority);
  let pixelData: Uint8Array | null | undefined;
  const frames = Number.parseInt(dataSet.string('x00280008') ?? '1', 10);
  // A single-frame instance is not read again once its frame is out of it (a large series goes through thousands).
  if (!(frames > 1)) forgetStoredInstance(address.instanceUrl);
  try {
    const element = dataSet.elements.x7fe00010;
    // Encapsulated frames are read item by item (encapsulatedFrames.ts), then as the loader's reader does.
    if (element?.encapsulatedPixelData) pixelData = encapsulatedFrame(dataSet.byteArray, element.dataOffset, address.frameIndex, Number.isFinite(frames) ? frames : 1);
    pixelData ??= dicomImageLoader.wadouri.getPixelData(dataSet, address.frameIndex) as Uint8Array | null;
  } catch (error) {
    throw new ImageLoadFailure({ kind: 'undecodable', detail: error instanceof Error ? error.message : String(error) });
  }
  if (!pixelData?.length) throw new ImageLoadFailure({ kind: 'undecodable', detail: `no pixel data for frame ${address.frameIndex + 1}` });
  const layout = {
    rows: dataSet.uint16('x00280010') ?? 0,
    columns: dataSet.uint16('x00280011') ?? 0,
    samplesPerPixel: dataSet.uint16('x00280002') ?? 1,
    bitsAllocated: dataSet.uint16('x00280100') ?? 0,
    photometric: dataSet.string('x00280004')?.trim(),
    bitsStored: dataSet.uint16('x00280101') ?? undefined,
  };
  if (!layout.rows || !layout.columns || !layout.bitsAllocated) {
    throw new ImageLoadFailure({ kind: 'undecodable', detail: 'the instance does not say the size of its image (Rows, Columns, Bits Allocated)' });
  }
  const syntax = decodedFrameSyntax(storedSyntax);
  if (isNativeSyntax(syntax) && pixelData.length < nativeFrameLength(layout)) {
    throw new ImageLoadFailure({ kind: 'undecodable', detail: `the pixel data is truncated: ${pixelData.length} of the ${nativeFrameLength(layout)} bytes of a frame` });
  }
  let ready: ReturnType<typeof frameForDecoder>;
  try {
    ready = frameForDecoder(pixelData, syntax, layout);
  } catch (error) {
    throw new ImageLoadFailure({ kind: 'undecodable', detail: error instanceof Error ? error.message : String(error) });
  }
  // From now on its metadata describes frames as decoded here: a frame answer of it in flight must come here too.
  if (ready.interleaved || ready.photometric || ready.bitsAllocated) decodedHere.add(instanceKey(imageId));
  if (ready.interleaved && layout.samplesPerPixel > 1) correctInstanceMetadata(imageId, { '00280006': { vr: 'US', Value: [0] } });
  if (ready.photometric) correctInstanceMetadata(imageId, { '00280004': { vr: 'CS', Value: [ready.photometric] } });
  if (ready.bitsAllocated === 8) {
    correctInstanceMetadata(imageId, { '00280100': { vr: 'US', Value: [8] }, '00280101': { vr: 'US', Value: [8] }, '00280102': { vr: 'US', Value: [7] } });
  }
  if (JPEG_2000.test(ready.syntax)) agreeOnSignedness(imageId, ready.bytes);
  const createImage = dicomImageLoader.createImage as (id: string, pixels: Uint8Array, syntax: string, loadOptions?: Record<string, unknown>) => Promise<Types.IImage>;
  const signedTarget = signedAsUnsigned.has(instanceKey(imageId)) && !options?.targetBuffer;
  return decodedImage(imageId, await createImage(imageId, ready.bytes, ready.syntax, signedTarget ? { ...options, ...SIGNED_TARGET } : options));
}

/**
 * Looks at a frame answer before the loader decodes it: an RLE frame the loader's decoder gets wrong (colour of
 * more than 8 bits, 32-bit samples) is refused here, to be decoded from the stored instance; a JPEG 2000 frame's
 * signedness is made to agree with its codestream.
 */
function checkFrameAnswer(xhr: XMLHttpRequest, imageId: string | undefined): void {
  if (!imageId) return;
  const body = xhr.response instanceof ArrayBuffer ? new Uint8Array(xhr.response, 0, Math.min(xhr.response.byteLength, 8192)) : undefined;
  // The syntax is named by the answer's Content-Type or by its part's (PS3.18 §8.7.3.5.2), as archives choose.
  const said = `${xhr.getResponseHeader('Content-Type') ?? ''} ${body ? new TextDecoder('latin1').decode(body.subarray(0, 512)) : ''}`;
  const instance = instanceMetadataOf(imageId);
  if (said.includes(RLE_LOSSLESS) || said.includes('image/x-dicom-rle')) {
    const layout = { samplesPerPixel: numberValue(instance, '00280002') ?? 1, bitsAllocated: numberValue(instance, '00280100') ?? 0 };
    if (decodedHere.has(instanceKey(imageId)) || needsOwnRleDecoder(layout)) {
      needsInstance.add(xhr);
      throw new Error('RLE frame decoded from the stored instance');
    }
  } else if (body && (JPEG_2000.test(said) || /image\/(jp2|jpx|jphc)/.test(said))) {
    agreeOnSignedness(imageId, body);
  }
}

function wadorsLoad(imageId: string, options: Record<string, unknown> | undefined): Types.IImageLoadObject {
  const load = dicomImageLoader.wadors.loadImage as (id: string, loadOptions?: Record<string, unknown>) => Types.IImageLoadObject;
  return load(imageId, options);
}

/**
 * 1-bit frames (a segmentation's) come from the frame endpoint packed, eight pixels a byte, which the `wadors:`
 * path does not unpack: they are cut from the stored instance, which does.
 */
function isOneBit(imageId: string): boolean {
  return numberValue(instanceMetadataOf(imageId), '00280100') === 1;
}

function storedSyntaxInMetadata(imageId: string): string | undefined {
  try {
    return storedTransferSyntax(dicomImageLoader.wadors.metaDataManager.get(imageId));
  } catch {
    return undefined;
  }
}

function loadArchiveSafe(imageId: string, given?: Record<string, unknown>): Types.IImageLoadObject {
  const address = frameAddress(imageId);
  // A copy of its own, which the answer's check may complete (SIGNED_TARGET) without touching another load's.
  const options: Record<string, unknown> = { ...given };
  loadOptions.set(imageId, options);
  const settled = () => {
    if (loadOptions.get(imageId) === options) loadOptions.delete(imageId);
  };
  const timeoutMs = address?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fail = (error: unknown): never => {
    // The gateway could not get an answer from the site at all (down, busy, unreachable): said as the site's trouble.
    if (error instanceof SiteTroubleError) throw error;
    throw siteTroubleOfXhr(error) ?? new ImageLoadFailure(failureOf(error, timeoutMs));
  };
  if (address && (wholeInstanceSeries.has(address.seriesUrl) || hasNoFrameRepresentation(storedSyntaxInMetadata(imageId)) || isOneBit(imageId))) {
    return { promise: loadFromStoredInstance(imageId, address, options).catch(fail).finally(settled), cancelFn: undefined };
  }
  let first: Types.IImageLoadObject;
  try {
    first = wadorsLoad(imageId, options);
  } catch (error) {
    settled();
    return { promise: Promise.reject(new ImageLoadFailure(failureOf(error, timeoutMs))), cancelFn: undefined };
  }
  const noSize = new Error('no size');
  const promise = first.promise
    .then((image) => {
      // An image that decoded to nothing (the archive cut its codestream short) is tried from the stored instance.
      if (!image.width || !image.height) throw noSize;
      return decodedImage(imageId, image);
    })
    .catch(async (error: unknown) => {
      const xhr = typeof XMLHttpRequest !== 'undefined' && error instanceof XMLHttpRequest ? error : undefined;
      const refused = xhr !== undefined && !timedOut.has(xhr) && isFrameRefusal(xhr.status);
      // Decoded from the stored instance: a frame the archive refuses, one the loader cannot decode right, one that
      // decoded to nothing (the archive cut its codestream short).
      const instead = refused || (xhr !== undefined && needsInstance.has(xhr)) || error === noSize;
      if (!address || !instead) return fail(error);
      // The rest of the series goes there at once: its metadata may now describe the frames as decoded here.
      wholeInstanceSeries.add(address.seriesUrl);
      return loadFromStoredInstance(imageId, address, options).catch(fail);
    })
    .finally(settled);
  return { promise, cancelFn: first.cancelFn };
}

let registered = false;

/** Puts the loader above in place of the `wadors:` one; call after the image loader's `init`. */
export function registerArchiveSafeFrames(): void {
  if (registered) return;
  registered = true;
  const { getOptions, setOptions } = dicomImageLoader.internal;
  const { beforeSend, beforeProcessing } = getOptions();
  const answered = new WeakMap<XMLHttpRequest, string>();
  setOptions({
    beforeSend: async (xhr: XMLHttpRequest, imageId: string, defaultHeaders: Record<string, string>, params: unknown) => {
      xhr.timeout = frameAddress(imageId)?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      xhr.addEventListener('timeout', () => timedOut.add(xhr));
      answered.set(xhr, imageId);
      return beforeSend?.(xhr, imageId, defaultHeaders, params as never);
    },
    beforeProcessing: async (xhr: XMLHttpRequest) => {
      checkFrameAnswer(xhr, answered.get(xhr));
      return beforeProcessing ? beforeProcessing(xhr) : (xhr.response as ArrayBuffer);
    },
  } as Parameters<typeof setOptions>[0]);
  registerImageLoader('wadors', loadArchiveSafe as Parameters<typeof registerImageLoader>[1]);
}
