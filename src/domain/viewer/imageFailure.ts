/**
 * Why an image cannot be shown, as a value the page puts in words in the reader's language: what failed (the
 * archive, the network, the decoder) and where. Every failure of the image loader, the metadata or a codec ends
 * as one of these on its slice; nothing is left as a blank viewport.
 */
export type ImageFailure =
  /** The archive could send the image neither as frames nor as the stored instance. */
  | { kind: 'archive-refused'; status: number; detail?: string }
  /** The gateway holds the site as down (its circuit breaker is open), or the archive says it is unavailable. */
  | { kind: 'site-down'; detail?: string }
  /** No answer reached the browser (connection refused or reset on the way). */
  | { kind: 'unreachable'; detail?: string }
  /** No complete answer within the site's time limit. */
  | { kind: 'timeout'; seconds: number }
  /** The archive does not have it (any more). */
  | { kind: 'not-found' }
  /** Sign-in or rights refused it. */
  | { kind: 'forbidden'; status: number }
  /** The image uses a transfer syntax no decoder here knows. */
  | { kind: 'unsupported-syntax'; syntax: string }
  /** The pixel data could not be decoded (corrupt, truncated, inconsistent with its attributes). */
  | { kind: 'undecodable'; detail: string }
  /** The series has no image to show. */
  | { kind: 'no-images' }
  /** Anything else, with the message as it came. */
  | { kind: 'other'; detail: string };

/** The failure an HTTP answer of the archive (through the gateway) stands for; `detail` is its own message. */
export function failureOfStatus(status: number, detail?: string, timeoutSeconds?: number): ImageFailure {
  if (status === 0) return { kind: 'unreachable', ...(detail ? { detail } : {}) };
  if (status === 503) return { kind: 'site-down', ...(detail ? { detail } : {}) };
  if (status === 502) return { kind: 'unreachable', ...(detail ? { detail } : {}) };
  if (status === 504 || status === 408) return { kind: 'timeout', seconds: timeoutSeconds ?? 0 };
  if (status === 404 || status === 410) return { kind: 'not-found' };
  if (status === 401 || status === 403) return { kind: 'forbidden', status };
  return { kind: 'archive-refused', status, ...(detail ? { detail } : {}) };
}

const SYNTAX_IN_MESSAGE = /transfer ?syntax[^0-9]*((?:\d+\.)+\d+)/i;

/**
 * The failure a decoder's or loader's exception stands for. Decoders say "unsupported transfer syntax …" or
 * throw whatever their code hits on bad data (a `TypeError`, a `RangeError`): both are said as not decodable.
 */
export function failureOfException(error: unknown): ImageFailure {
  const message = messageOf(error);
  const syntax = SYNTAX_IN_MESSAGE.exec(message)?.[1];
  if (syntax && /unsupported|unknown|no decoder|not supported/i.test(message)) return { kind: 'unsupported-syntax', syntax };
  if (error instanceof TypeError || error instanceof RangeError || /decod|codestream|corrupt|invalid|truncat|out of range|marker/i.test(message)) {
    return { kind: 'undecodable', detail: message };
  }
  return { kind: 'other', detail: message };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** Whether a value is an ImageFailure (failures travel through Cornerstone's events as `unknown`). */
export function isImageFailure(value: unknown): value is ImageFailure {
  return typeof value === 'object' && value !== null && 'kind' in value && typeof (value as { kind: unknown }).kind === 'string';
}
