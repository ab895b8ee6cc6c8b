/**
 * The `Parameters` resource of a successful IHE PIXm Query (ITI-83, IHE ITI TF-2 §3.83.4.2.2.1): one
 * `targetIdentifier` parameter (`valueIdentifier`) per identifier of the patient in another domain, and
 * `targetId` parameters (`valueReference` to the Patient resource; some services send a `valueString`).
 */
import { isRecord, type FhirResource } from './fhirBody.ts';
import type { PixmIdentifier } from './identifierSystem.ts';

/** What the parameters hold, unfiltered. */
export interface PixmParameters {
  targetIdentifiers: PixmIdentifier[];
  /** Patient references from `targetId` (`Patient/123`, or a bare string). */
  targetReferences: string[];
  /** `targetIdentifier` parameters that had no usable system and value. */
  unreadable: number;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function identifierOf(parameter: Record<string, unknown>): PixmIdentifier | undefined {
  const identifier = parameter.valueIdentifier;
  if (!isRecord(identifier)) return undefined;
  const system = text(identifier.system);
  const value = text(identifier.value);
  return system !== undefined && value !== undefined ? { system, value } : undefined;
}

function referenceOf(parameter: Record<string, unknown>): string | undefined {
  if (isRecord(parameter.valueReference)) return text(parameter.valueReference.reference);
  return text(parameter.valueString) ?? text(parameter.valueUri);
}

/** Reads the target parameters of an ITI-83 `Parameters` resource; other parameters are passed over. */
export function readPixmParameters(parameters: FhirResource): PixmParameters {
  const result: PixmParameters = { targetIdentifiers: [], targetReferences: [], unreadable: 0 };
  const list: unknown[] = Array.isArray(parameters.parameter) ? parameters.parameter : [];
  for (const parameter of list) {
    if (!isRecord(parameter)) continue;
    if (parameter.name === 'targetIdentifier') {
      const identifier = identifierOf(parameter);
      if (identifier === undefined) result.unreadable += 1;
      else result.targetIdentifiers.push(identifier);
    } else if (parameter.name === 'targetId') {
      const reference = referenceOf(parameter);
      if (reference !== undefined) result.targetReferences.push(reference);
    }
  }
  return result;
}
