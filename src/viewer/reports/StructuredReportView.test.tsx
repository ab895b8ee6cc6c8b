import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createInstance } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { readStructuredReport } from '../../domain/reports/structuredReport.ts';
import { en } from '../../i18n/en.ts';
import { fr } from '../../i18n/fr.ts';
import { StructuredReportView } from './StructuredReportView.tsx';

const cs = (value: string) => ({ vr: 'CS', Value: [value] });
const heading = (meaning: string) => ({ vr: 'SQ', Value: [{ '00080100': { vr: 'SH', Value: ['121070'] }, '00080102': { vr: 'SH', Value: ['DCM'] }, '00080104': { vr: 'LO', Value: [meaning] } }] });
const hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script> voir https://evil.example/x';

const metadata = [
  {
    '0040A040': cs('CONTAINER'),
    '0040A043': heading('Compte rendu <b>gras</b>'),
    '0040A491': cs('COMPLETE'),
    '0040A493': cs('VERIFIED'),
    '00080023': { vr: 'DA', Value: ['20261118'] },
    '00080033': { vr: 'TM', Value: ['113000'] },
    '0040A073': { vr: 'SQ', Value: [{ '0040A075': { vr: 'PN', Value: [{ Alphabetic: 'LEROY^THOMAS<svg onload=alert(3)>' }] }, '0040A027': { vr: 'LO', Value: ['Imagerie'] } }] },
    '0040A730': {
      vr: 'SQ',
      Value: [
        {
          '0040A040': cs('CONTAINER'),
          '0040A043': heading('Résultats'),
          '0040A730': {
            vr: 'SQ',
            Value: [
              { '0040A040': cs('TEXT'), '0040A043': heading('Résultats'), '0040A160': { vr: 'UT', Value: [hostile] } },
              { '0040A040': cs('IMAGE'), '0040A043': heading('Image clé') },
            ],
          },
        },
      ],
    },
  },
];

async function render(language: string): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ lng: language, fallbackLng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <StructuredReportView report={readStructuredReport(metadata)} />
    </I18nextProvider>,
  );
}

describe('StructuredReportView', () => {
  it('shows hostile report text as text: no element, no handler, no link', async () => {
    const html = await render('en');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('Compte rendu &lt;b&gt;gras&lt;/b&gt;');
    expect(html).toContain('&lt;svg onload=alert(3)&gt;');
    expect(html).not.toMatch(/<(img|script|svg|b|a)[\s>]/);
    expect(html).toContain('https://evil.example/x');
  });

  it('renders headings, status, observer and references in the UI language', async () => {
    const english = await render('en');
    expect(english).toContain('<h2>Compte rendu &lt;b&gt;gras&lt;/b&gt;</h2>');
    expect(english).toContain('<h3>Résultats</h3>');
    expect(english).toContain('Complete · Verified');
    expect(english).toContain('Verified by LEROY');
    expect(english).toContain('(Imagerie)');
    expect(english).toContain('image reference');
    const french = await render('fr');
    expect(french).toContain('Complet · Validé');
    expect(french).toContain('Validé par LEROY');
    expect(french).toContain('référence d’image');
  });
});
