/**
 * Bulk data (PS3.18 §10.4.1.1.5) as Orthanc's DICOMweb plugin serves it: it refuses a bare
 * `application/octet-stream`, so the value is asked for as a one-part multipart answer and that part is returned.
 */
import { firstPartBody } from '../domain/dicom/multipartBody.ts';
import { describeHttpFailure } from './describeHttpFailure.ts';
import { getWithRetry } from './getWithRetry.ts';

export const BULK_ACCEPT = 'multipart/related; type="application/octet-stream"';

/** The bytes at `url` (a same-origin path), refusing answers declared larger than `maxBytes`. */
export async function getBulkData(url: string, options: { deadlineMs: number; signal: AbortSignal; maxBytes?: number }): Promise<Uint8Array> {
  const answer = await getWithRetry(url, { headers: { Accept: BULK_ACCEPT }, signal: options.signal, deadlineMs: options.deadlineMs });
  if (answer.kind === 'timeout') throw new Error(`no answer within ${Math.round(options.deadlineMs / 1000)} s`);
  if (answer.kind === 'network-error') throw new Error(answer.message);
  if (answer.kind === 'aborted') throw new Error('cancelled');
  const { response } = answer;
  if (!response.ok) throw new Error(await describeHttpFailure(response));
  if (options.maxBytes !== undefined && Number(response.headers.get('content-length')) > options.maxBytes) throw new Error('too large');
  const body = firstPartBody(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type'));
  if (!body) throw new Error('unreadable bulk data answer');
  return body;
}
