import { useTranslation } from 'react-i18next';

/** Where the identity provider sends the user after sign-out: no automatic sign-in from here. */
export function SignedOutPage() {
  const { t } = useTranslation();
  return (
    <section className="signed-out" data-testid="signed-out">
      <h1>{t('auth.signedOut')}</h1>
      <a href="/auth/login?return=%2F">{t('auth.signInAgain')}</a>
    </section>
  );
}
