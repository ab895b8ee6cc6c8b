/** The synchronisation switches of the workspace (scroll, window, zoom/pan) and the re-alignment button. */
import { useTranslation } from 'react-i18next';
import type { SyncKind, ViewportSync } from './useViewportSync.ts';

/** Re-aligns the active viewport's scroll partners on the slices displayed. */
export const REALIGN_KEY = 'a';

const KINDS: readonly SyncKind[] = ['scroll', 'voi', 'zoomPan'];

export function SyncControls({ sync }: { sync: ViewportSync }) {
  const { t } = useTranslation();
  return (
    <div className="sync-controls" role="group" aria-label={t('viewer.sync.toggles')} data-testid="sync-controls">
      {KINDS.map((kind) => (
        <button key={kind} type="button" data-sync-kind={kind} aria-pressed={sync.switches[kind]} onClick={() => sync.toggle(kind)}>
          {t(`viewer.sync.toggle.${kind}`)}
        </button>
      ))}
      <button type="button" data-command="realign" disabled={!sync.canRealign} title={t('viewer.sync.realignHint')} onClick={sync.realign}>
        {t('viewer.sync.realign')} ({REALIGN_KEY.toUpperCase()})
      </button>
    </div>
  );
}
