import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useHasRole } from './useCurrentUser.ts';

/** The way to the audit trail, shown only to users whose roles include auditor (the gateway refuses the others). */
export function AuditLink() {
  const { t } = useTranslation();
  const auditor = useHasRole('auditor');
  if (!auditor) return null;
  return (
    <Link className="audit-link" to="/audit" data-testid="audit-link">
      {t('audit.heading')}
    </Link>
  );
}
