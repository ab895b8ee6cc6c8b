import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { BoardIndicator } from '../board/BoardIndicator.tsx';
import { AuditLink } from './AuditLink.tsx';
import { CurrentUserBadge } from './CurrentUserBadge.tsx';
import { IdentityReviewLink } from './IdentityReviewLink.tsx';
import { IdentityStatusBadge } from './IdentityStatusBadge.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SiteStatusBadge } from './SiteStatusBadge.tsx';

/** The header: product name, every configured site with its reachability, the identity service, the language, who is signed in. */
export function AppHeader({ config }: { config: PublicConfig | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.title')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      {config && (
        <nav aria-label={t('sites.heading')} className="site-list">
          <ul>
            {config.sites.map((site) => (
              <li key={site.id}>
                <SiteStatusBadge site={site} />
              </li>
            ))}
            <li>
              <IdentityStatusBadge config={config} />
            </li>
          </ul>
        </nav>
      )}
      <BoardIndicator />
      <IdentityReviewLink />
      <AuditLink />
      <LanguageSwitch />
      <CurrentUserBadge />
    </header>
  );
}
