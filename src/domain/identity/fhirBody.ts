/**
 * Reading an HTTP body that should hold a FHIR JSON resource (FHIR R4 §2.6.2, JSON representation), without
 * trusting it: an HTML error page, plain text, broken JSON or a JSON value that is not a resource are told
 * apart, in words fit for a user.
 */

/** A FHIR resource as far as this module checks: an object with a `resourceType`. */
export interface FhirResource {
  resourceType: string;
  [field: string]: unknown;
}

/** What a body turned out to be. */
export type FhirBody =
  | { kind: 'resource'; resource: FhirResource }
  | { kind: 'empty' }
  | { kind: 'not-fhir'; description: string };

/** Whether a JSON value is an object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function htmlTitle(text: string): string | undefined {
  const title = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
  return title === '' ? undefined : title;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

/**
 * Classifies a body given as text (or as already-parsed JSON). `contentType` helps recognise an HTML page that
 * does not start with `<`.
 */
export function readFhirBody(body: unknown, contentType?: string): FhirBody {
  let json: unknown = body;
  if (typeof body === 'string') {
    const text = body.trim();
    if (text === '') return { kind: 'empty' };
    if (text.startsWith('<') || /html/i.test(contentType ?? '')) {
      const title = htmlTitle(text);
      return { kind: 'not-fhir', description: title ? `an HTML page ("${title}")` : 'an HTML page' };
    }
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'not-fhir', description: `text that is not JSON ("${excerpt(text)}")` };
    }
  } else if (body === undefined || body === null) {
    return { kind: 'empty' };
  }
  if (!isRecord(json)) return { kind: 'not-fhir', description: 'JSON that is not a FHIR resource' };
  const type = json.resourceType;
  if (typeof type !== 'string' || type === '') {
    return { kind: 'not-fhir', description: 'JSON without resourceType' };
  }
  return { kind: 'resource', resource: json as FhirResource };
}
