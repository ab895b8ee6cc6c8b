import { queryOptions } from '@tanstack/react-query';
import { auditEventPath, auditRowsOf, type AuditQuestion, type AuditRow } from '../domain/audit/auditRows.ts';

/** A refused or failed reading of the trail, with the HTTP status (401, 403, 400, …) and the server's words. */
export class AuditReadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The OperationOutcome's diagnostics, or the status in words. */
async function failureText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { issue?: { diagnostics?: unknown }[]; error?: unknown };
    const diagnostics = body.issue?.[0]?.diagnostics ?? body.error;
    if (typeof diagnostics === 'string') return diagnostics;
  } catch {
    // not JSON: the status says it
  }
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

/** Asks the trail a question (`GET /audit/AuditEvent`, contract §5): its records, newest first. */
export async function fetchAuditRows(question: AuditQuestion, signal?: AbortSignal): Promise<AuditRow[]> {
  const response = await fetch(auditEventPath(question), { signal, credentials: 'same-origin', headers: { accept: 'application/fhir+json' } });
  if (!response.ok) throw new AuditReadError(response.status, await failureText(response));
  return auditRowsOf(await response.json());
}

export const auditRowsQuery = (question: AuditQuestion) =>
  queryOptions({
    queryKey: ['audit', question],
    queryFn: ({ signal }) => fetchAuditRows(question, signal),
    retry: false,
    staleTime: 0,
  });
