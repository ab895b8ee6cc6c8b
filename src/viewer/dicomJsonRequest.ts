/** A DICOM JSON answer (QIDO-RS, WADO-RS metadata; PS3.18 §F.2) from a site's same-origin DICOMweb root. */
import { describeHttpFailure } from '../adapters/describeHttpFailure.ts';
import { getWithRetry } from '../adapters/getWithRetry.ts';
import { siteFailure, siteIdOfUrl } from '../adapters/siteTrouble.ts';

const DICOM_JSON = { Accept: 'application/dicom+json' };

/** The parsed answer of `url`; an empty list for 204 No Content; an error that says why otherwise. */
export async function getDicomJson(url: string, deadlineMs: number, signal: AbortSignal): Promise<unknown> {
  const answer = await getWithRetry(url, { headers: DICOM_JSON, signal, deadlineMs });
  if (answer.kind === 'timeout') throw new Error(`no answer within ${Math.round(deadlineMs / 1000)} s`);
  if (answer.kind === 'network-error') throw new Error(answer.message);
  if (answer.kind === 'aborted') throw new Error('cancelled');
  if (answer.response.status === 204) return [];
  if (!answer.response.ok) {
    const siteId = siteIdOfUrl(url);
    throw siteId ? await siteFailure(siteId, answer.response) : new Error(await describeHttpFailure(answer.response));
  }
  return answer.response.json();
}
