import { useTranslation } from 'react-i18next';
import type { OverlayText } from '../domain/viewer/overlayText.ts';
import type { VoiWindow } from '../domain/viewer/voiPresets.ts';

/** The text drawn over a viewport's image: who, what, which image, which window. DICOM strings stay text. */
export function ViewportOverlay({ text, siteName, imageIndex, imageCount, voi }: { text: OverlayText; siteName: string; imageIndex: number; imageCount: number; voi: VoiWindow | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="viewport-overlay top-left" data-testid="overlay-patient">
        <li>{text.patientName}</li>
        <li>{text.patientId}</li>
        <li>{siteName}</li>
      </ul>
      <ul className="viewport-overlay top-right" data-testid="overlay-study">
        <li>{text.studyDate}</li>
        <li>{text.studyDescription}</li>
        <li>{text.seriesDescription}</li>
      </ul>
      <ul className="viewport-overlay bottom-left">
        <li data-testid="overlay-image">{t('viewer.overlay.image', { defaultValue: 'Image {{number}}/{{count}}', number: imageIndex + 1, count: imageCount })}</li>
      </ul>
      <ul className="viewport-overlay bottom-right">
        {voi && <li data-testid="overlay-voi">{t('viewer.overlay.voi', { defaultValue: 'W {{width}} / L {{center}}', width: Math.round(voi.width), center: Math.round(voi.center) })}</li>}
      </ul>
    </>
  );
}
