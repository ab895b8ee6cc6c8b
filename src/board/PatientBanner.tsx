/**
 * The patient banner over each board viewport: who these images belong to, in the patient's own colour and
 * number, large enough to be read across a meeting room. Every text is DICOM data, shown as text.
 */
import { useTranslation } from 'react-i18next';
import { formatDicomDateText } from '../domain/dicom/dicomDate.ts';
import type { PatientBannerStyle } from '../domain/board/bannerColors.ts';
import type { BoardItem } from '../domain/board/boardSession.ts';
import { displayLocale } from '../i18n/i18n.ts';

const SEXES = new Set(['M', 'F', 'O']);

export function PatientBanner({ item, style }: { item: BoardItem; style: PatientBannerStyle }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const { patient } = item;
  const date = (text: string) => (text ? formatDicomDateText(text, locale, 'medium') : t('worklist.unknown'));
  return (
    <header
      className={`patient-banner pattern-${style.pattern}`}
      data-testid="patient-banner"
      data-patient-key={patient.key}
      data-banner-color={style.background}
      data-patient-number={style.number}
      style={{ backgroundColor: style.background, color: style.text }}
    >
      <span className="patient-number" aria-label={t('board.banner.number', { number: style.number })}>
        {style.number}
      </span>
      <span className="patient-name">{patient.name || t('worklist.unknown')}</span>
      <span>{t('board.banner.born', { date: date(patient.birthDate) })}</span>
      {SEXES.has(patient.sex) && <span>{t(`worklist.sex.${patient.sex as 'M' | 'F' | 'O'}`)}</span>}
      <span>{patient.siteName}</span>
      <span>{t('board.banner.patientId', { patientId: patient.patientId, issuer: patient.issuerOfPatientId || t('worklist.noIssuer') })}</span>
      <span className="banner-study">{t('board.banner.study', { date: date(item.studyDate), description: item.description || item.modalities.join('/') || t('worklist.unknown') })}</span>
    </header>
  );
}
