/**
 * IHE PIXm (ITI-83) through the gateway's same-origin `/identity/pixm` root: which identifiers the patient has
 * in the other sites' domains. Every ending is a `PixmResult` value; the caller fails closed on anything but a
 * clear answer.
 */
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { PixmIdentifier } from '../domain/identity/identifierSystem.ts';
import { pixmQueryPath } from '../domain/identity/pixmRequest.ts';
import { interpretPixmAnswer, type PixmAnswer, type PixmResult } from '../domain/identity/pixmResult.ts';
import { configuredSystems } from '../domain/identity/identityResolution.ts';
import { getWithRetry } from './getWithRetry.ts';

const PIXM_DEADLINE_MS = 6000;

export async function crossReference(config: PublicConfig, source: PixmIdentifier, signal?: AbortSignal): Promise<PixmResult> {
  const base = config.identity.pixm;
  if (!base) return { kind: 'failed', reason: 'no identity service is configured' };
  const answer = await getWithRetry(`${base}/${pixmQueryPath(source)}`, {
    headers: { accept: 'application/fhir+json' },
    signal,
    deadlineMs: PIXM_DEADLINE_MS,
  });
  let pixm: PixmAnswer;
  switch (answer.kind) {
    case 'response': {
      const contentType = answer.response.headers.get('content-type') ?? undefined;
      const text = await answer.response.text().catch(() => '');
      let body: unknown;
      try {
        body = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      pixm = { kind: 'response', status: answer.response.status, statusText: answer.response.statusText, contentType, body };
      break;
    }
    case 'timeout':
      pixm = { kind: 'timeout', ms: PIXM_DEADLINE_MS };
      break;
    case 'network-error':
      pixm = { kind: 'network-error', message: answer.message };
      break;
    case 'aborted':
      pixm = { kind: 'aborted' };
      break;
  }
  return interpretPixmAnswer(pixm, { source, knownSystems: configuredSystems(config.sites) });
}
