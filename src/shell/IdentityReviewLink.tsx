import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useHasRole } from './useCurrentUser.ts';

/** The way to the identity review, shown only to identity officers (the gateway refuses the others). */
export function IdentityReviewLink() {
  const { t } = useTranslation();
  const officer = useHasRole('identity-officer');
  if (!officer) return null;
  return (
    <Link className="audit-link" to="/identity-review" data-testid="identity-review-link">
      {t('identityReview.heading')}
    </Link>
  );
}
