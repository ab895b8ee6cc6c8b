import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router-dom';
import type { PublicSite } from '../../domain/config/publicConfig.ts';
import type { SeriesUid, SopInstanceUid, StudyUid } from '../../domain/dicom/identifiers.ts';
import { readStructuredReport } from '../../domain/reports/structuredReport.ts';
import type { StudyReport } from '../../domain/reports/studyReports.ts';
import { launchTestSites } from '../../domain/launch/testSites.ts';
import { en } from '../../i18n/en.ts';
import { fr } from '../../i18n/fr.ts';
import { ReportPanel } from './ReportPanel.tsx';
import { structuredReportQuery, studyReportsQuery } from './reportQueries.ts';

const site: PublicSite = launchTestSites[0]!;
const studyUid = '1.2.826.0.1.3680043.8.498.7' as StudyUid;

const report = (uid: string, format: StudyReport['format'], date: string, title: string): StudyReport => ({
  seriesUid: `${uid}.1` as SeriesUid,
  sopInstanceUid: uid as SopInstanceUid,
  sopClassUid: format === 'pdf' ? '1.2.840.10008.5.1.4.1.1.104.1' : '1.2.840.10008.5.1.4.1.1.88.11',
  format,
  title,
  contentDate: date,
  contentTime: '120000',
  seriesNumber: 90,
});

const newer = report('1.2.3.2', 'sr', '20261118', 'Compte rendu du 18/11');
const older = report('1.2.3.1', 'pdf', '20260630', 'Compte rendu du 30/06');

async function render(client: QueryClient, language = 'en'): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ lng: language, fallbackLng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <ReportPanel site={site} studyUid={studyUid} />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

describe('ReportPanel', () => {
  it('is the contract’s report element, lists the reports and shows the first (newest) one', async () => {
    const client = new QueryClient();
    client.setQueryData(studyReportsQuery(site, studyUid).queryKey, [newer, older]);
    client.setQueryData(
      structuredReportQuery(site, studyUid, newer).queryKey,
      readStructuredReport({ '0040A730': { vr: 'SQ', Value: [{ '0040A040': { vr: 'CS', Value: ['TEXT'] }, '0040A160': { vr: 'UT', Value: ['Nodule stable.'] } }] } }),
    );
    const html = await render(client);
    expect(html).toContain('data-testid="report"');
    expect(html).toContain(`data-study-uid="${studyUid}"`);
    expect(html.indexOf('Compte rendu du 18/11')).toBeLessThan(html.indexOf('Compte rendu du 30/06'));
    expect(html).toMatch(/aria-pressed="true"[^>]*data-sop-instance-uid="1\.2\.3\.2"/);
    expect(html).toMatch(/aria-pressed="false"[^>]*data-sop-instance-uid="1\.2\.3\.1"/);
    expect(html).toContain('Nodule stable.');
  });

  it('says so when the study has no report', async () => {
    const client = new QueryClient();
    client.setQueryData(studyReportsQuery(site, studyUid).queryKey, []);
    expect(await render(client, 'fr')).toContain('Cet examen n’a pas de compte rendu.');
  });

});
