/**
 * One QIDO-RS GET (PS3.18 §10.6) through a site's same-origin root, read into the `QidoAnswer` value the domain
 * interprets: the status, the body as text, the `Warning` headers; a timeout, a network failure or a cancellation
 * are answers too.
 */
import type { QidoAnswer } from '../domain/federation/siteSearchOutcome.ts';
import { getWithRetry } from './getWithRetry.ts';

export async function getQido(url: string, options: { deadlineMs: number; signal?: AbortSignal }): Promise<{ answer: QidoAnswer; ms: number }> {
  const timed = await getWithRetry(url, { headers: { accept: 'application/dicom+json' }, signal: options.signal, deadlineMs: options.deadlineMs });
  const ms = Math.round(timed.ms);
  switch (timed.kind) {
    case 'response': {
      const { response } = timed;
      try {
        const body = await response.text();
        const warning = response.headers.get('warning');
        return { answer: { kind: 'response', status: response.status, statusText: response.statusText, body, warnings: warning ? [warning] : [] }, ms };
      } catch (error) {
        return { answer: { kind: 'network-error', message: `the answer broke off (${error instanceof Error ? error.message : String(error)})` }, ms };
      }
    }
    case 'timeout':
      return { answer: { kind: 'timeout', ms: Math.round(options.deadlineMs) }, ms };
    case 'network-error':
      return { answer: { kind: 'network-error', message: `the gateway could not be reached (${timed.message})` }, ms };
    case 'aborted':
      return { answer: { kind: 'aborted' }, ms };
  }
}
