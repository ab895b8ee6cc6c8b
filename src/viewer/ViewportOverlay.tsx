import { useTranslation } from 'react-i18next';
import type { ImageOverlayText, OverlayText } from '../domain/viewer/overlayText.ts';
import type { VoiWindow } from '../domain/viewer/voiPresets.ts';

interface ViewportOverlayProps {
  text: OverlayText;
  imageText: ImageOverlayText;
  siteName: string;
  imageIndex: number;
  imageCount: number;
  voi: VoiWindow | undefined;
  zoom: number | undefined;
}

/** The text drawn over a viewport's image: who, what, which image, which window. DICOM strings stay text. */
export function ViewportOverlay({ text, imageText, siteName, imageIndex, imageCount, voi, zoom }: ViewportOverlayProps) {
  const { t } = useTranslation();
  const birth = [text.birthDate, text.sex].filter(Boolean).join(' · ');
  const series = [text.seriesNumber && t('viewer.overlay.series', { number: text.seriesNumber }), text.seriesDescription].filter(Boolean).join(' · ');
  return (
    <>
      <ul className="viewport-overlay top-left" data-testid="overlay-patient">
        <li>{text.patientName}</li>
        <li>
          {text.patientId}
          {siteName && ` (${siteName})`}
        </li>
        {birth && <li>{birth}</li>}
      </ul>
      <ul className="viewport-overlay top-right" data-testid="overlay-study">
        <li>{text.studyDate}</li>
        <li>{text.studyDescription}</li>
        <li>{series}</li>
      </ul>
      <ul className="viewport-overlay bottom-left">
        <li data-testid="overlay-image">{t('viewer.overlay.image', { number: imageIndex + 1, count: imageCount })}</li>
        {imageText.sliceLocation && <li>{t('viewer.overlay.location', { value: imageText.sliceLocation })}</li>}
        {imageText.sliceThickness && <li>{t('viewer.overlay.thickness', { value: imageText.sliceThickness })}</li>}
      </ul>
      <ul className="viewport-overlay bottom-right">
        {voi && <li data-testid="overlay-voi">{t('viewer.overlay.voi', { width: Math.round(voi.width), center: Math.round(voi.center) })}</li>}
        {zoom !== undefined && <li data-testid="overlay-zoom">{t('viewer.overlay.zoom', { value: zoom.toFixed(2) })}</li>}
      </ul>
    </>
  );
}
