import { useTranslation } from 'react-i18next';
import type { OrientationMarkers } from '../domain/viewer/orientationMarkers.ts';

/** The patient-direction letters at the middle of each edge of a viewport. */
export function OrientationMarkerLabels({ markers }: { markers: OrientationMarkers }) {
  const { t } = useTranslation();
  return (
    <div className="orientation-markers" data-testid="orientation-markers" aria-label={t('viewer.orientation')}>
      {(['left', 'right', 'top', 'bottom'] as const).map((edge) => (
        <span key={edge} className={`orientation-marker ${edge}`} data-edge={edge}>
          {markers[edge]}
        </span>
      ))}
    </div>
  );
}
