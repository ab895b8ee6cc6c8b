import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentUserQuery, SignInRequired } from '../adapters/currentUserQuery.ts';
import { hasRole, signInPath, type Role } from '../domain/auth/currentUser.ts';

/** Shows its pages once the gateway knows the user; without a session the page is on its way to sign-in. */
export function SignInGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useQuery(currentUserQuery);
  if (user.data) return <>{children}</>;
  if (user.error instanceof SignInRequired) {
    return (
      <p role="status">
        <a href={signInPath(window.location.pathname, window.location.search)}>{t('auth.redirecting')}</a>
      </p>
    );
  }
  if (user.isError) {
    return (
      <p role="alert" className="error">
        {t('auth.failed', { error: user.error.message })}
      </p>
    );
  }
  return <p role="status">{t('auth.checking')}</p>;
}

/** Its children for a user with `role`, a plain refusal otherwise (the gateway refuses the data anyway). */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useQuery(currentUserQuery).data;
  if (hasRole(user, role)) return <>{children}</>;
  return (
    <section className="role-refused" data-testid="role-refused">
      <p role="alert">{t('auth.roleRequired', { role: t(`auth.role.${role}`) })}</p>
    </section>
  );
}
