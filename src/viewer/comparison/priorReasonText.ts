/** The words of a prior's reasons and of the absence of one, in the UI language. */
import type { TFunction } from 'i18next';
import type { PublicSite } from '../../domain/config/publicConfig.ts';
import type { NoPriorReason, PriorReason } from '../../hanging-protocols/relevantPrior.ts';

export function priorReasonText(reason: PriorReason, t: TFunction, sites: readonly PublicSite[]): string {
  switch (reason.code) {
    case 'same-modality':
      return t('viewer.comparison.reasons.sameModality', { modality: reason.modality });
    case 'other-modality':
      return t('viewer.comparison.reasons.otherModality', { modalities: reason.modalities.join(', ') });
    case 'region':
      return t('viewer.comparison.reasons.region', { regions: reason.regions.map((region) => t(`viewer.comparison.regions.${region}`)).join(', ') });
    case 'region-unknown':
      return t('viewer.comparison.reasons.regionUnknown');
    case 'other-region':
      return t('viewer.comparison.reasons.otherRegion');
    case 'most-recent':
      return t('viewer.comparison.reasons.mostRecent');
    case 'days-before':
      return t('viewer.comparison.reasons.daysBefore', { count: reason.days });
    case 'other-site':
      return t('viewer.comparison.reasons.otherSite', { site: sites.find((site) => site.id === reason.siteId)?.name ?? reason.siteId });
  }
}

export function noPriorText(reason: NoPriorReason, t: TFunction): string {
  return t(`viewer.comparison.noPrior.${reason}`);
}
