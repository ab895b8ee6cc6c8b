/**
 * What the gateway says when it could not get an answer from a site (or the identity service) at all, as opposed
 * to an archive's own answer about one resource. The gateway's own failure answers carry `upstream` (who failed);
 * a 503 says whether the site is marked down by its circuit breaker (`siteDown`, `retryAfterSeconds`) or whether
 * all its request slots stayed busy (`busy`). 502 and 504 (RFC 9110 §15.6.3, §15.6.5) say it could not be reached
 * or did not answer in time.
 */
export type UpstreamTrouble =
  | { kind: 'down'; retryAfterSeconds: number }
  | { kind: 'busy' }
  | { kind: 'unreachable' }
  | { kind: 'timeout' };

/** The trouble a gateway answer tells of; `undefined` for anything else (an archive's own error, a 404). */
export function upstreamTroubleOf(status: number, body: unknown): UpstreamTrouble | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as { upstream?: unknown; siteDown?: unknown; retryAfterSeconds?: unknown; busy?: unknown };
  if (typeof fields.upstream !== 'string') return undefined;
  if (status === 503 && fields.siteDown === true) {
    const seconds = typeof fields.retryAfterSeconds === 'number' && fields.retryAfterSeconds > 0 ? fields.retryAfterSeconds : 1;
    return { kind: 'down', retryAfterSeconds: seconds };
  }
  if (status === 503 && fields.busy === true) return { kind: 'busy' };
  if (status === 502) return { kind: 'unreachable' };
  if (status === 504) return { kind: 'timeout' };
  return undefined;
}

/** The same, from the text of the answer's body (JSON); `undefined` when it is not the gateway's. */
export function upstreamTroubleOfText(status: number, text: string): UpstreamTrouble | undefined {
  if (status !== 502 && status !== 503 && status !== 504) return undefined;
  try {
    return upstreamTroubleOf(status, JSON.parse(text));
  } catch {
    return undefined;
  }
}
