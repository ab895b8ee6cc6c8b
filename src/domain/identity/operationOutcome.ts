/**
 * FHIR OperationOutcome (FHIR R4 §2.36, issue codes from the `issue-type` value set), as IHE PIXm (ITI-83,
 * IHE ITI TF-2 §3.83.4.2.2) uses it to explain a refusal, either as the response body or wrapped in the
 * `Parameters` of the operation (a parameter such as `return` or `outcome` holding the resource).
 */
import { isRecord, type FhirResource } from './fhirBody.ts';

/** One issue, reduced to what is shown and what decides the outcome's meaning. */
export interface OutcomeIssue {
  severity: string;
  code: string;
  text: string;
}

/** The issues of an OperationOutcome; malformed issues are kept with empty fields rather than thrown on. */
export function outcomeIssues(outcome: FhirResource): OutcomeIssue[] {
  const issues = Array.isArray(outcome.issue) ? outcome.issue : [];
  return issues.filter(isRecord).map((issue) => {
    const details = isRecord(issue.details) ? issue.details : {};
    const coding = Array.isArray(details.coding) ? details.coding.filter(isRecord) : [];
    const text =
      [details.text, issue.diagnostics, ...coding.map((code) => code.display ?? code.code)].find(
        (candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '',
      ) ?? '';
    return {
      severity: typeof issue.severity === 'string' ? issue.severity : '',
      code: typeof issue.code === 'string' ? issue.code : '',
      text: text.trim(),
    };
  });
}

/** The issues in words: `not-found: Patient identifier unknown; …` (at most 300 characters). */
export function describeOutcome(outcome: FhirResource): string {
  const words = outcomeIssues(outcome)
    .map((issue) => [issue.code, issue.text].filter((part) => part !== '').join(': '))
    .filter((part) => part !== '')
    .join('; ');
  const text = words === '' ? 'OperationOutcome without issue text' : words;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Whether an outcome reports an error (severity `error` or `fatal`), not merely information or a warning. */
export function outcomeHasError(outcome: FhirResource): boolean {
  return outcomeIssues(outcome).some((issue) => issue.severity === 'error' || issue.severity === 'fatal');
}

/** Whether an outcome says the thing looked for does not exist (issue code `not-found`). */
export function outcomeSaysNotFound(outcome: FhirResource): boolean {
  return outcomeIssues(outcome).some((issue) => issue.code === 'not-found');
}

/** Whether an outcome refuses a code or identifier domain (issue codes `code-invalid`, `invalid`, `value`, `not-supported`). */
export function outcomeSaysCodeInvalid(outcome: FhirResource): boolean {
  return outcomeIssues(outcome).some((issue) => ['code-invalid', 'invalid', 'value', 'not-supported'].includes(issue.code));
}

/**
 * The OperationOutcome a resource is or wraps: itself, or the first `Parameters.parameter[].resource` that is
 * one (whatever the parameter's name: `return`, `outcome`, …).
 */
export function findOperationOutcome(resource: FhirResource): FhirResource | undefined {
  if (resource.resourceType === 'OperationOutcome') return resource;
  if (resource.resourceType !== 'Parameters' || !Array.isArray(resource.parameter)) return undefined;
  for (const parameter of resource.parameter) {
    if (!isRecord(parameter) || !isRecord(parameter.resource)) continue;
    if (parameter.resource.resourceType === 'OperationOutcome') return parameter.resource as FhirResource;
  }
  return undefined;
}
