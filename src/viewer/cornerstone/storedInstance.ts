/**
 * An instance as the archive stores it (WADO-RS Retrieve Instance, PS3.18 §10.4.1.1.1, with
 * `application/dicom; transfer-syntax=*`), parsed in the browser: for frames the archive cannot send as frames
 * without converting them (big endian, deflated) or refuses to send. The archive only reads its file.
 *
 * Parsed instances are kept in a small cache, so that the frames of a multi-frame instance (an RT dose grid, a
 * cine loop) cost one retrieval.
 */
import * as dicomParser from 'dicom-parser';
import pako from 'pako';
import { imageRetrievalPoolManager, Enums } from '@cornerstonejs/core';
import { firstPartBody } from '../../domain/dicom/multipartBody.ts';
import { dataSetStart, sniffDataSetSyntax } from '../../domain/dicom/part10Syntax.ts';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, STORED_INSTANCE_ACCEPT } from '../../domain/dicom/storedSyntax.ts';
import { failureOfStatus, type ImageFailure } from '../../domain/viewer/imageFailure.ts';
import { siteFailure, siteIdOfUrl, troubleOf } from '../../adapters/siteTrouble.ts';

export interface StoredInstance {
  dataSet: dicomParser.DataSet;
  /** The transfer syntax the instance is stored in (read from the data set when its meta header does not say). */
  storedSyntax: string;
}

/** A failure carried as an Error, so that stack traces and Cornerstone's events keep it. */
export class ImageLoadFailure extends Error {
  constructor(readonly failure: ImageFailure) {
    super(`image failure: ${failure.kind}${'detail' in failure && failure.detail ? ` (${failure.detail})` : ''}`);
    this.name = 'ImageLoadFailure';
  }
}

const KEPT_BYTES = 256 * 1024 * 1024;
const kept = new Map<string, { promise: Promise<StoredInstance>; bytes: number }>();

function keep(url: string, promise: Promise<StoredInstance>): void {
  kept.set(url, { promise, bytes: 0 });
  promise.then(
    (instance) => {
      const entry = kept.get(url);
      if (entry) entry.bytes = instance.dataSet.byteArray.length;
      let total = [...kept.values()].reduce((sum, item) => sum + item.bytes, 0);
      for (const [key, item] of kept) {
        if (total <= KEPT_BYTES || key === url) continue;
        kept.delete(key);
        total -= item.bytes;
      }
    },
    () => kept.delete(url),
  );
}

/**
 * Inflates a deflated data set (RFC 1951, PS3.5 §A.5) with pako, as the image loader's own Part 10 reader does:
 * its encoder pads the stream to an even length, on which the browser's DecompressionStream fails.
 */
function inflateRaw(bytes: Uint8Array): Uint8Array {
  return pako.inflateRaw(bytes);
}

function metaSyntax(bytes: Uint8Array): string | undefined {
  try {
    return dicomParser.readPart10Header(bytes).string('x00020010')?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Parses a Part 10 file of any transfer syntax: a deflated data set is inflated, a missing syntax is read. */
export async function parseStoredInstance(bytes: Uint8Array): Promise<StoredInstance> {
  const declared = metaSyntax(bytes);
  if (declared === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
    const start = dataSetStart(bytes);
    const inflated = inflateRaw(bytes.subarray(start));
    const whole = new Uint8Array(start + inflated.length);
    whole.set(bytes.subarray(0, start), 0);
    whole.set(inflated, start);
    const dataSet = dicomParser.parseDicom(whole, { inflater: (array: Uint8Array) => array } as unknown as dicomParser.ParseDicomOptions);
    return { dataSet, storedSyntax: declared };
  }
  const storedSyntax = declared ?? sniffDataSetSyntax(bytes);
  const dataSet = dicomParser.parseDicom(bytes, declared ? {} : { TransferSyntaxUID: storedSyntax });
  return { dataSet, storedSyntax };
}

async function retrieve(url: string, timeoutMs: number): Promise<StoredInstance> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: STORED_INSTANCE_ACCEPT }, credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ImageLoadFailure(timedOut ? { kind: 'timeout', seconds: Math.round(timeoutMs / 1000) } : { kind: 'unreachable', detail: (error as Error).message });
  }
  if (!response.ok) {
    const siteId = siteIdOfUrl(url);
    if (siteId) {
      const failure = await siteFailure(siteId, response.clone());
      if (troubleOf(failure)) throw failure;
    }
    const text = await response.text().catch(() => '');
    throw new ImageLoadFailure(failureOfStatus(response.status, errorDetail(text), Math.round(timeoutMs / 1000)));
  }
  const body = firstPartBody(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type'));
  if (!body) throw new ImageLoadFailure({ kind: 'undecodable', detail: 'the archive sent an incomplete instance' });
  try {
    // A copy that starts its own buffer: the image loader slices frames from the buffer by data set offsets.
    return await parseStoredInstance(body.slice());
  } catch (error) {
    throw new ImageLoadFailure({ kind: 'undecodable', detail: `the stored instance cannot be read: ${parseErrorText(error)}` });
  }
}

/** What dicomParser threw: an Error, a string, or an object with `exception` and the partly parsed data set. */
function parseErrorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'exception' in error) return String((error as { exception: unknown }).exception);
  return String(error);
}

/** The message of a JSON error answer (the gateway's `error`, Orthanc's `Message`), else the text itself. */
export function errorDetail(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown; Message?: unknown; OrthancError?: unknown; detail?: unknown; message?: unknown };
    const message = [parsed.error, parsed.detail, parsed.message, parsed.Message, parsed.OrthancError].find((value) => typeof value === 'string');
    return typeof message === 'string' ? message : undefined;
  } catch {
    const trimmed = text.trim().slice(0, 200);
    return trimmed || undefined;
  }
}

/** Lets the kept instance at `url` go: its frames are all read (a single-frame instance, its frame decoded). */
export function forgetStoredInstance(url: string): void {
  kept.delete(url);
}

/**
 * The instance at `url` (its WADO-RS instance resource), retrieved once through Cornerstone's retrieval pool (so
 * it waits its turn like frames do) and kept while its frames are read.
 */
export function storedInstance(url: string, timeoutMs: number, priority = 5): Promise<StoredInstance> {
  const cached = kept.get(url);
  if (cached) {
    kept.delete(url);
    kept.set(url, cached);
    return cached.promise;
  }
  const promise = new Promise<StoredInstance>((resolve, reject) => {
    imageRetrievalPoolManager.addRequest(() => retrieve(url, timeoutMs).then(resolve, reject), Enums.RequestType.Interaction, { imageId: url }, priority);
  });
  keep(url, promise);
  return promise;
}
