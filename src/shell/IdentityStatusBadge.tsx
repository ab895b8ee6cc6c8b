import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityProbeQuery } from '../adapters/probeIdentity.ts';
import type { PublicConfig } from '../domain/config/publicConfig.ts';

/** Whether cross-site patient linking is available (IHE PIXm answers) — and says so when it is not. */
export function IdentityStatusBadge({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const probe = useQuery(identityProbeQuery(config));
  if (!probe.data) {
    return (
      <span className="status-badge state-loading" data-testid="identity-status" aria-busy="true">
        <span className="status-dot" aria-hidden="true" />
        <span className="status-name">{t('identity.heading')}</span>
      </span>
    );
  }
  const { state, error } = probe.data;
  return (
    <span className={`status-badge state-${state === 'ok' ? 'ok' : 'error'}`} data-testid="identity-status" data-state={state}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-name">{t('identity.heading')}</span>
      <span className="status-text">{t(`identity.state.${state}`)}</span>
      {error && <span className="status-error">{error}</span>}
    </span>
  );
}
