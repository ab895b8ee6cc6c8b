/**
 * The meaning of an IHE PIXm Query (ITI-83) answer, whatever shape the service gave it (IHE ITI TF-2
 * §3.83.4.2.3): identifiers in other domains, none, an unknown patient (404), an unknown source or target
 * domain (400, 403), or a failure. Interpretation never throws: a failure is a value.
 */
import { readFhirBody } from './fhirBody.ts';
import {
  describeOutcome,
  findOperationOutcome,
  outcomeHasError,
  outcomeSaysCodeInvalid,
  outcomeSaysNotFound,
} from './operationOutcome.ts';
import { readPixmParameters } from './pixmParameters.ts';
import { identifierSystemKey, sameIdentifier, type PixmIdentifier } from './identifierSystem.ts';

/** What the adapter got from the service (it does the I/O; this module only reads). */
export type PixmAnswer =
  | { kind: 'response'; status: number; statusText?: string; contentType?: string; body: unknown }
  | { kind: 'timeout'; ms?: number }
  | { kind: 'network-error'; message: string }
  | { kind: 'aborted' };

/** The outcome of an ITI-83 query. */
export type PixmResult =
  | {
      kind: 'linked';
      /** Identifiers of the patient in configured domains, the source identifier left out. */
      identifiers: PixmIdentifier[];
      /** Identifiers in domains no site is configured for: not used, but reported. */
      ignored: PixmIdentifier[];
      /** `targetId` references to Patient resources. */
      references: string[];
    }
  | { kind: 'no-links'; ignored: PixmIdentifier[]; references: string[] }
  | { kind: 'unknown-patient'; detail?: string }
  | { kind: 'unknown-domain'; detail: string }
  | { kind: 'failed'; reason: string };

/** What was asked, to read the answer against. */
export interface PixmQueryContext {
  /** The identifier that was asked about; echoed back among the targets, it is dropped. */
  source: PixmIdentifier;
  /** Identifier systems of the configured sites; when given, identifiers of other systems are ignored. */
  knownSystems?: readonly string[];
}

function httpStatus(status: number, statusText?: string): string {
  return `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
}

function linksFrom(parameters: ReturnType<typeof readPixmParameters>, context: PixmQueryContext): PixmResult {
  const known = context.knownSystems && new Map(context.knownSystems.map((system) => [identifierSystemKey(system), system]));
  const identifiers: PixmIdentifier[] = [];
  const ignored: PixmIdentifier[] = [];
  for (const target of parameters.targetIdentifiers) {
    if (sameIdentifier(target, context.source)) continue;
    const configured = known === undefined ? target.system : known.get(identifierSystemKey(target.system));
    const into = configured === undefined ? ignored : identifiers;
    const identifier = { system: configured ?? target.system, value: target.value };
    if (!into.some((seen) => sameIdentifier(seen, identifier))) into.push(identifier);
  }
  const references = [...new Set(parameters.targetReferences)];
  return identifiers.length > 0
    ? { kind: 'linked', identifiers, ignored, references }
    : { kind: 'no-links', ignored, references };
}

/**
 * A refusal explained by an OperationOutcome: 404 → unknown patient; 400 (source domain) or 403 (target system)
 * → unknown domain. A 200 carrying an error outcome is read from its issue codes.
 */
function refusal(status: number, outcome: Parameters<typeof describeOutcome>[0]): PixmResult {
  const detail = describeOutcome(outcome);
  if (status === 404) return { kind: 'unknown-patient', detail };
  if (status === 400 || status === 403) return { kind: 'unknown-domain', detail };
  if (status < 300 && outcomeSaysNotFound(outcome)) return { kind: 'unknown-patient', detail };
  if (status < 300 && outcomeSaysCodeInvalid(outcome)) return { kind: 'unknown-domain', detail };
  return { kind: 'failed', reason: `${httpStatus(status)}: ${detail}` };
}

function interpretResponse(answer: Extract<PixmAnswer, { kind: 'response' }>, context: PixmQueryContext): PixmResult {
  const { status, statusText } = answer;
  const body = readFhirBody(answer.body, answer.contentType);
  if (status === 200) {
    if (body.kind === 'empty') return { kind: 'failed', reason: `${httpStatus(status, statusText)} with an empty body` };
    if (body.kind === 'not-fhir') return { kind: 'failed', reason: `${httpStatus(status, statusText)} with ${body.description}` };
    const { resource } = body;
    const outcome = findOperationOutcome(resource);
    if (resource.resourceType === 'Parameters') {
      const result = linksFrom(readPixmParameters(resource), context);
      if (result.kind === 'no-links' && outcome !== undefined && outcomeHasError(outcome)) return refusal(status, outcome);
      return result;
    }
    if (outcome !== undefined) return outcomeHasError(outcome) ? refusal(status, outcome) : { kind: 'no-links', ignored: [], references: [] };
    return { kind: 'failed', reason: `${httpStatus(status, statusText)} with a ${resource.resourceType} instead of Parameters` };
  }
  const outcome = body.kind === 'resource' ? findOperationOutcome(body.resource) : undefined;
  if (outcome !== undefined && (status === 400 || status === 403 || status === 404)) return refusal(status, outcome);
  const what =
    outcome !== undefined
      ? describeOutcome(outcome)
      : body.kind === 'not-fhir'
        ? body.description
        : body.kind === 'empty'
          ? 'no body'
          : `a ${body.resource.resourceType}`;
  return { kind: 'failed', reason: `${httpStatus(status, statusText)}: ${what}` };
}

/**
 * Interprets what the adapter got for an ITI-83 query:
 * - 200 `Parameters` with `targetIdentifier`s → `linked` (source echo dropped, unknown systems in `ignored`);
 * - 200 `Parameters` without usable target → `no-links`;
 * - 404 with an OperationOutcome (bare or in `Parameters`) → `unknown-patient`;
 * - 400 (unknown source domain) or 403 (unknown target system) with an OperationOutcome → `unknown-domain`;
 * - anything else (non-FHIR 200, HTML page, 5xx, network error, timeout, cancellation) → `failed`.
 */
export function interpretPixmAnswer(answer: PixmAnswer, context: PixmQueryContext): PixmResult {
  try {
    switch (answer.kind) {
      case 'response':
        return interpretResponse(answer, context);
      case 'timeout':
        return { kind: 'failed', reason: answer.ms === undefined ? 'no answer in time' : `no answer within ${answer.ms} ms` };
      case 'network-error':
        return { kind: 'failed', reason: `identity service unreachable: ${answer.message}` };
      case 'aborted':
        return { kind: 'failed', reason: 'cancelled' };
      default:
        return { kind: 'failed', reason: 'unrecognised answer' };
    }
  } catch (error) {
    return { kind: 'failed', reason: `unreadable answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
