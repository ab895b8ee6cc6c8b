/** The board's agenda: its studies in order, each movable up and down and removable; the current one marked. */
import { useTranslation } from 'react-i18next';
import { formatDicomDateText } from '../domain/dicom/dicomDate.ts';
import type { PatientBannerStyle } from '../domain/board/bannerColors.ts';
import { moveItem, removeItem, type BoardSession } from '../domain/board/boardSession.ts';
import type { PatientKey } from '../domain/dicom/patientKey.ts';
import { displayLocale } from '../i18n/i18n.ts';

interface BoardAgendaProps {
  session: BoardSession;
  styles: ReadonlyMap<PatientKey, PatientBannerStyle>;
  current: number;
  onShow: (index: number) => void;
  update: (change: (session: BoardSession) => BoardSession) => void;
}

export function BoardAgenda({ session, styles, current, onShow, update }: BoardAgendaProps) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  return (
    <ol className="board-agenda" aria-label={t('board.agenda')}>
      {session.items.map((item, index) => {
        const style = styles.get(item.patient.key);
        const date = item.studyDate ? formatDicomDateText(item.studyDate, locale, 'medium') : t('worklist.unknown');
        const what = t('board.itemLabel', { name: item.patient.name || t('worklist.unknown'), date, description: item.description || item.modalities.join('/') });
        return (
          <li key={`${item.siteId}/${item.studyUid}`} data-testid="board-agenda-item" data-study-uid={item.studyUid} data-site-id={item.siteId} aria-current={index === current ? 'step' : undefined}>
            {style && (
              <span className={`agenda-swatch pattern-${style.pattern}`} style={{ backgroundColor: style.background, color: style.text }} aria-hidden="true">
                {style.number}
              </span>
            )}
            <button type="button" className="link-button" onClick={() => onShow(index)}>
              {what}
            </button>
            <span className="muted"> · {item.patient.siteName}</span>
            <span className="agenda-actions">
              <button type="button" onClick={() => update((agenda) => moveItem(agenda, index, index - 1))} disabled={index === 0} aria-label={t('board.moveUpLabel', { item: what })}>
                {t('board.moveUp')}
              </button>
              <button type="button" onClick={() => update((agenda) => moveItem(agenda, index, index + 1))} disabled={index === session.items.length - 1} aria-label={t('board.moveDownLabel', { item: what })}>
                {t('board.moveDown')}
              </button>
              <button type="button" data-testid="board-remove" onClick={() => update((agenda) => removeItem(agenda, item))} aria-label={t('board.removeItemLabel', { item: what })}>
                {t('board.remove')}
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
