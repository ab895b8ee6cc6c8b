import { useTranslation } from 'react-i18next';
import { useReportOpen } from './useReportOpen.ts';

/** The viewer bar's "Report" button: shows or hides the report panel beside the images. */
export function ReportToggle() {
  const { t } = useTranslation();
  const [open, setOpen] = useReportOpen();
  return (
    <button type="button" className="report-toggle" data-testid="report-toggle" aria-pressed={open} title={t('reports.toggleHint')} onClick={() => setOpen(!open)}>
      {t('reports.toggle')}
    </button>
  );
}
