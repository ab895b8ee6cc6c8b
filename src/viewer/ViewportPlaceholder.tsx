import { useTranslation } from 'react-i18next';

interface ViewportPlaceholderProps {
  siteId: string;
  studyUid: string;
  seriesUid?: string;
  viewportIndex?: number;
  message?: string;
}

/** A viewport before its images can be shown: loading, or the reason they cannot be (contract §4 states). */
export function ViewportPlaceholder({ siteId, studyUid, seriesUid, viewportIndex = 0, message }: ViewportPlaceholderProps) {
  const { t } = useTranslation();
  return (
    <div className="viewport" data-testid="viewport" data-viewport-index={viewportIndex} data-study-uid={studyUid} data-series-uid={seriesUid ?? ''} data-site-id={siteId} data-state={message ? 'error' : 'loading'}>
      {message ? (
        <p className="viewport-message error" role="alert" data-testid="viewport-error">
          {message}
        </p>
      ) : (
        <p className="viewport-message" role="status">
          {t('viewer.loadingStudy')}
        </p>
      )}
    </div>
  );
}
