/** The presenter's controls: previous and next item, the layout, and where the board is in its agenda. */
import { useTranslation } from 'react-i18next';
import type { BoardNavigation } from './useBoardNavigation.ts';

export function BoardControls({ navigation, count }: { navigation: BoardNavigation; count: number }) {
  const { t } = useTranslation();
  return (
    <div className="board-controls" role="group" aria-label={t('board.navigation')}>
      <button type="button" data-testid="board-previous" onClick={() => navigation.step(-1)} disabled={navigation.index <= 0} title={t('board.previousKeys')}>
        {t('board.previous')}
      </button>
      <span className="board-position" data-testid="board-position" aria-live="polite">
        {t('board.position', { index: navigation.index + 1, count })}
      </span>
      <button type="button" data-testid="board-next" onClick={() => navigation.step(1)} disabled={navigation.index >= count - 1} title={t('board.nextKeys')}>
        {t('board.next')}
      </button>
      <fieldset className="board-layout">
        <legend>{t('board.layout.label')}</legend>
        {(['sequence', 'grid'] as const).map((layout) => (
          <label key={layout}>
            <input type="radio" name="board-layout" value={layout} checked={navigation.layout === layout} onChange={() => navigation.setLayout(layout)} />
            {t(`board.layout.${layout}`)}
          </label>
        ))}
      </fieldset>
      <span className="muted board-keys">{t('board.keysHint')}</span>
    </div>
  );
}
