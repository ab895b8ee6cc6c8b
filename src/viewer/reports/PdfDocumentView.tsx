/**
 * An encapsulated PDF (PS3.3 §A.45.1) drawn in the page with pdf.js: one canvas per page, numbered, with pdf.js's
 * text layer over it so the text can be selected and read by assistive technology. This module is loaded only
 * when a PDF is shown. The worker comes from the app's own origin; pdf.js is told not to compile code
 * (`isEvalSupported: false`), and links and scripts in the document are not acted upon.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages drawn at most (a report is a few pages; a hostile document may claim thousands). */
const MAX_PAGES = 50;

interface PdfDocumentViewProps {
  bytes: Uint8Array;
  /** Shown in the error message. */
  siteName: string;
}

/** The document's pages, drawn one after the other; an error in the panel when the PDF cannot be read. */
export function PdfDocumentView({ bytes, siteName }: PdfDocumentViewProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<{ bytes: Uint8Array; document?: PDFDocumentProxy; error?: string }>();
  const [pageError, setPageError] = useState<string | undefined>();
  const current = opened?.bytes === bytes ? opened : undefined;
  const document = current?.document;
  const error = current?.error ?? pageError;

  useEffect(() => {
    // pdf.js takes the buffer over to its worker: it gets a copy, so the cached bytes stay readable.
    const task = getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false, useSystemFonts: true, stopAtErrors: false });
    task.promise.then(
      (loaded) => setOpened({ bytes, document: loaded }),
      (reason: unknown) => setOpened({ bytes, error: reason instanceof Error ? reason.message : String(reason) }),
    );
    return () => {
      void task.destroy();
    };
  }, [bytes]);

  if (error) {
    return (
      <p className="report-error" role="alert" data-testid="report-error">
        {t('reports.pdfFailed', { site: siteName, reason: error })}
      </p>
    );
  }
  if (!document) return <p className="report-loading">{t('reports.loading')}</p>;
  const count = Math.min(document.numPages, MAX_PAGES);
  return (
    <div className="report-pdf" data-testid="report-pdf" data-page-count={document.numPages}>
      {Array.from({ length: count }, (_, index) => (
        <PdfPage key={index} document={document} number={index + 1} count={document.numPages} onError={setPageError} />
      ))}
    </div>
  );
}

function PdfPage({ document, number, count, onError }: { document: PDFDocumentProxy; number: number; count: number; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState<number | undefined>();
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    const textContainer = textRef.current;
    if (!canvas || !textContainer) return;
    let cancelled = false;
    let cleanup = () => {};
    document
      .getPage(number)
      .then(async (page) => {
        if (cancelled) return;
        const natural = page.getViewport({ scale: 1 });
        const available = canvas.closest('.report-pdf')?.clientWidth ?? natural.width;
        const fitted = Math.min(2, Math.max(0.5, (available - 8) / natural.width));
        const viewport = page.getViewport({ scale: fitted });
        const pixelRatio = Math.min(2, window.devicePixelRatio || 1);
        canvas.width = Math.floor(viewport.width * pixelRatio);
        canvas.height = Math.floor(viewport.height * pixelRatio);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        setScale(fitted);
        const render = page.render({ canvas, viewport, transform: pixelRatio === 1 ? undefined : [pixelRatio, 0, 0, pixelRatio, 0, 0] });
        const text = new TextLayer({ textContentSource: page.streamTextContent(), container: textContainer, viewport });
        cleanup = () => {
          render.cancel();
          text.cancel();
        };
        await render.promise;
        await text.render();
        if (!cancelled) setRendered(true);
      })
      .catch((reason: unknown) => {
        if (!cancelled && !(reason instanceof Error && reason.name === 'RenderingCancelledException')) {
          onError(reason instanceof Error ? reason.message : String(reason));
        }
      });
    return () => {
      cancelled = true;
      cleanup();
    };
  }, [document, number, onError]);

  const pageStyle = scale === undefined ? undefined : ({ '--total-scale-factor': scale, '--scale-factor': scale } as CSSProperties);
  return (
    <figure className="report-page" data-testid="report-page" data-page-number={number} data-rendered={rendered} style={pageStyle}>
      <div className="report-page-sheet">
        <canvas ref={canvasRef} aria-label={t('reports.pageLabel', { number })} role="img" />
        <div ref={textRef} className="textLayer" />
      </div>
      <figcaption>{t('reports.page', { number, count })}</figcaption>
    </figure>
  );
}
