/**
 * A site the gateway could not get an answer from (marked down, busy, unreachable, too slow: `upstreamTrouble.ts`),
 * as an error that says which site and what happened, so that the page can say it in the reader's language; and a
 * signal to the parts of the page that show each site's state, so that they look again at once.
 */
import { upstreamTroubleOfText, type UpstreamTrouble } from '../domain/federation/upstreamTrouble.ts';
import { describeHttpText } from './describeHttpFailure.ts';

export class SiteTroubleError extends Error {
  constructor(
    message: string,
    readonly siteId: string,
    readonly trouble: UpstreamTrouble,
  ) {
    super(message);
    this.name = 'SiteTroubleError';
  }
}

type TroubleListener = (siteId: string, trouble: UpstreamTrouble) => void;
const listeners = new Set<TroubleListener>();

/** Calls `listener` each time a request to a site meets trouble; returns the unsubscribe. */
export function onSiteTrouble(listener: TroubleListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function reportSiteTrouble(error: SiteTroubleError): SiteTroubleError {
  for (const listener of listeners) listener(error.siteId, error.trouble);
  return error;
}

const SITE_PATH = /\/sites\/([a-z0-9-]+)\/dicom-web\//;

/** The site a same-origin DICOMweb URL belongs to (`/sites/{id}/dicom-web/…`, contract §2). */
export function siteIdOfUrl(url: string): string | undefined {
  return SITE_PATH.exec(url)?.[1];
}

/** The error of a failed answer from a site: a reported `SiteTroubleError` when the gateway could not reach it. */
export async function siteFailure(siteId: string, response: Response): Promise<Error> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The status alone.
  }
  const message = describeHttpText(response, text);
  const trouble = upstreamTroubleOfText(response.status, text);
  return trouble ? reportSiteTrouble(new SiteTroubleError(message, siteId, trouble)) : new Error(message);
}

/** The same for a rejection of the image loader (an XMLHttpRequest); `undefined` when it is no gateway trouble. */
export function siteTroubleOfXhr(error: unknown): SiteTroubleError | undefined {
  if (typeof XMLHttpRequest === 'undefined' || !(error instanceof XMLHttpRequest)) return undefined;
  const siteId = siteIdOfUrl(error.responseURL);
  if (!siteId) return undefined;
  const body: unknown = error.response;
  const text = body instanceof ArrayBuffer ? new TextDecoder().decode(body.slice(0, 2000)) : typeof body === 'string' ? body : '';
  const trouble = upstreamTroubleOfText(error.status, text);
  if (!trouble) return undefined;
  let detail = '';
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') detail = parsed.error;
  } catch {
    // upstreamTroubleOfText parsed it already.
  }
  return reportSiteTrouble(new SiteTroubleError(detail || `HTTP ${error.status}`, siteId, trouble));
}

/** The trouble an error carries, if it is a site's. */
export function troubleOf(error: unknown): UpstreamTrouble | undefined {
  return error instanceof SiteTroubleError ? error.trouble : undefined;
}
