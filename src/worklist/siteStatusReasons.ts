import type { SiteSearchStatus } from './siteSearchStatus.ts';

/** A message of the status panel: its i18n key under `sites.` and the values it interpolates. */
export interface ReasonMessage {
  key: string;
  values: Record<string, string>;
}

/**
 * Why a site reads as it does, in words to show beside its state (contract §4): for `not-searched`, each reason
 * it was not asked; for a `loading` site not asked yet, what it waits for. `siteName` names sites by id.
 */
export function siteStatusReasons(status: SiteSearchStatus, siteName: (siteId: string) => string): ReasonMessage[] {
  if (status.state === 'not-searched') {
    return (status.notSearched ?? []).map((reason) => {
      const values: Record<string, string> = {};
      if ('siteId' in reason) values.site = siteName(reason.siteId);
      if ('detail' in reason) values.detail = reason.detail;
      return { key: `notSearched.${reason.kind}`, values };
    });
  }
  if (status.state === 'loading' && status.waitingFor) {
    const reason = status.waitingFor;
    return [{ key: `waitingFor.${reason.kind}`, values: reason.kind === 'source' ? { site: siteName(reason.siteId) } : {} }];
  }
  return [];
}
