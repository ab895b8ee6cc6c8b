import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';

/** The worklist: cross-site patient search and timelines. */
export function WorklistPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  return (
    <section className="worklist" aria-labelledby="worklist-heading" data-site-count={config.sites.length}>
      <h1 id="worklist-heading">{t('worklist.heading')}</h1>
      <p className="muted">{t('worklist.empty')}</p>
    </section>
  );
}
