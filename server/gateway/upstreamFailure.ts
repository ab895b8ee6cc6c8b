/**
 * What the circuit breaker counts as an upstream's failure, and the gateway's refusals in words.
 *
 * A failure says the upstream itself is in trouble: it could not be reached, broke the connection, said nothing
 * within its timeout, or a proxy in front of it answered 502 Bad Gateway, 503 Service Unavailable or 504 Gateway
 * Timeout (RFC 9110 §15.6.3–15.6.5). A 500 or a 4xx is an answer about one resource: the archive is alive.
 */
import type { CircuitRefusal } from './circuitBreaker.ts';

/** 502, 503 and 504: the upstream, or what stands in front of it, cannot serve at all. */
export function isFailureStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

const CONNECTION_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection broken',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
};

/** A connection error in words, with its code (`connection refused (ECONNREFUSED)`). */
export function connectionFailure(error: NodeJS.ErrnoException): string {
  const words = error.code ? CONNECTION_FAILURES[error.code] : undefined;
  if (words) return `${words} (${error.code})`;
  if (error.message === 'socket hang up') return 'connection closed without an answer (socket hang up)';
  return error.code ? `connection failed (${error.code})` : `connection failed (${error.message})`;
}

/** Whole seconds to wait, for Retry-After (RFC 9110 §10.2.3): at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Why an upstream whose circuit is open gets no request: `site cgfl is marked down after 3 consecutive failures (…); retrying in 5 s`. */
export function markedDownMessage(label: string, refusal: CircuitRefusal): string {
  const cause = `${label} is marked down after ${refusal.failures} consecutive failures (${refusal.lastFailure})`;
  return refusal.probing ? `${cause}; a probe request is checking it now` : `${cause}; retrying in ${retryAfterSeconds(refusal.retryAfterMs)} s`;
}

/** Why a request waited in vain for one of an upstream's slots. */
export function busyMessage(label: string, maxConcurrent: number, waitedMs: number): string {
  return `${label} is busy: all ${maxConcurrent} of its request slots stayed in use for ${Math.round(waitedMs)} ms`;
}

/**
 * Why an upstream's 401 or 403 became the gateway's 502: `the archive of site cgfl refused Passerelle's credentials
 * (HTTP 401)`, or, where the configuration gives none, that it asks for some.
 */
export function credentialsRefusedMessage(label: string, kind: 'archive' | 'identity service', status: number, configured: boolean): string {
  const who = kind === 'archive' ? `the archive of ${label}` : 'the identity service';
  return configured
    ? `${who} refused Passerelle's credentials (HTTP ${status})`
    : `${who} asks for credentials (HTTP ${status}) and the configuration gives none (${kind === 'archive' ? 'sites[].credentials' : 'identity.credentials'})`;
}
