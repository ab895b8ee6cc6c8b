import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';

/** The identity review's two parts, as links (the current one marked `aria-current="page"`). */
export function IdentityReviewNav() {
  const { t } = useTranslation();
  return (
    <nav className="identity-review-nav" aria-label={t('identityReview.sections')} data-testid="identity-review-nav">
      <NavLink to="/identity-review" end data-testid="identity-review-section">
        {t('identityReview.reviewSection')}
      </NavLink>
      <NavLink to="/identity-review/harvest" data-testid="harvest-section">
        {t('identityReview.harvestSection')}
      </NavLink>
    </nav>
  );
}
