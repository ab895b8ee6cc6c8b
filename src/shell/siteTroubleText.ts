import type { TFunction } from 'i18next';
import type { UpstreamTrouble } from '../domain/federation/upstreamTrouble.ts';
import { troubleOf } from '../adapters/siteTrouble.ts';

/** What happened to a site, in the reader's language, naming it ("CGFL is marked down …; next try in 5 s"). */
export function siteTroubleText(t: TFunction, siteName: string, trouble: UpstreamTrouble): string {
  return trouble.kind === 'down'
    ? t('sites.trouble.down', { site: siteName, seconds: trouble.retryAfterSeconds })
    : t(`sites.trouble.${trouble.kind}`, { site: siteName });
}

/** Why something failed: the site's trouble in words when the gateway could not reach it, else the error's own words. */
export function failureReason(t: TFunction, siteName: string, error: Error): string {
  const trouble = troubleOf(error);
  return trouble ? siteTroubleText(t, siteName, trouble) : error.message;
}
