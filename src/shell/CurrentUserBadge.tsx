import { useTranslation } from 'react-i18next';
import { signingOut } from '../adapters/signInRedirect.ts';
import { useCurrentUser } from './useCurrentUser.ts';

/**
 * Who is signed in (contract §4: `data-testid=current-user`, `data-user-id`, `data-roles`) and the sign-out
 * control: a form posting to the gateway with the session's CSRF token, so the gateway's redirect to the identity
 * provider's sign-out is a navigation the page's scripts never read, nor cancel (signingOut).
 */
export function CurrentUserBadge() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!user) return null;
  const roles = user.roles.map((role) => t(`auth.role.${role}`)).join(', ');
  return (
    <div className="current-user" data-testid="current-user" data-user-id={user.id} data-roles={user.roles.join(' ')}>
      <span className="current-user-name">{user.signedIn ? (user.name ?? user.id) : t('auth.localUser')}</span>
      {user.organisation && <span className="current-user-detail">{user.organisation}</span>}
      {roles && <span className="current-user-detail">{roles}</span>}
      {user.signedIn && (
        <form method="post" action="/auth/logout" onSubmit={signingOut}>
          <input type="hidden" name="csrf" value={user.csrfToken} />
          <button type="submit" data-testid="sign-out">
            {t('auth.signOut')}
          </button>
        </form>
      )}
    </div>
  );
}
