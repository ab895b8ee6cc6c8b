import { useTranslation } from 'react-i18next';
import { useCurrentUser } from './useCurrentUser.ts';

/** Every page of a deployment without sign-in says so (contract §5). */
export function NoSignInBanner() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!user || user.signedIn) return null;
  return (
    <p className="no-sign-in-banner" role="note" data-testid="no-sign-in">
      {t('auth.noSignIn')}
    </p>
  );
}
