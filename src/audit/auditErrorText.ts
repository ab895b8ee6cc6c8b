import { AuditReadError } from '../adapters/auditEvents.ts';

/** Why the trail could not be read, in the user's words: 403 is a missing role, 401 a missing sign-in. */
export function auditErrorText(error: Error, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof AuditReadError && error.status === 403) return t('audit.error.forbidden');
  if (error instanceof AuditReadError && error.status === 401) return t('audit.error.unauthenticated');
  return t('audit.error.other', { detail: error.message });
}
