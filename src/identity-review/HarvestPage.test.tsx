import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { harvestProgressQuery } from '../adapters/identityReview.ts';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { HarvestProgress } from '../domain/identityReview/harvestModel.ts';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { HarvestPage } from './HarvestPage.tsx';

const config: PublicConfig = {
  sites: [
    { id: 'chu', name: 'CHU Val de Saône', issuerOfPatientId: 'CHU-VDS', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1', dicomweb: '/sites/chu/dicom-web', timeoutMs: 8000 },
    { id: 'cgfl', name: 'Centre Lumière', issuerOfPatientId: 'CL', patientIdSystem: 'urn:oid:1.2.250.1.999.2.1', dicomweb: '/sites/cgfl/dicom-web', timeoutMs: 8000 },
  ],
  identity: { pixm: '/identity/fhir' },
};

const progress: HarvestProgress = {
  running: true,
  sites: [
    { siteId: 'chu', state: 'done', studiesRead: 12, patientsLearnt: 4, watermark: '20240301', lastRunAt: '2026-11-18T09:30:00.000Z', lastSuccessAt: '2026-11-18T09:30:05.000Z', error: null },
    { siteId: 'cgfl', state: 'failed', studiesRead: 0, patientsLearnt: 0, watermark: null, lastRunAt: '2026-11-18T09:30:06.000Z', lastSuccessAt: null, error: 'the archive answered <b>HTTP 500</b>' },
  ],
};

async function render(language: string, options: { config?: PublicConfig; progress?: HarvestProgress | null } = {}): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ lng: language, resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  const client = new QueryClient();
  if (options.progress !== undefined) client.setQueryData(harvestProgressQuery().queryKey, options.progress);
  return renderToString(
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <MemoryRouter initialEntries={['/identity-review/harvest']}>
          <HarvestPage config={options.config ?? config} />
        </MemoryRouter>
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

describe('the harvest page', () => {
  it('shows each site’s state, counts, watermark as a date and the error in words, as text, with a labelled button', async () => {
    const html = await render('en', { progress });
    expect(html).toContain('data-testid="harvest-site" data-site-id="chu" data-state="done" data-studies-read="12" data-patients-learnt="4" data-watermark="20240301"');
    expect(html).toContain('data-site-id="cgfl" data-state="failed"');
    expect(html).toContain('CHU Val de Saône');
    expect(html).toContain('<time dateTime="2024-03-01">01/03/2024</time>');
    expect(html).toContain('the archive answered &lt;b&gt;HTTP 500&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toMatch(/<button type="button" data-testid="harvest-start" disabled="" aria-describedby="harvest-running">Harvest now<\/button>/);
    expect(html).toContain('data-running="true"');
    expect(html).toContain('A harvest is under way');
    expect(html).toMatch(/<a data-testid="harvest-section" aria-current="page"[^>]*>Harvest of the archives<\/a>/);
  });

  it('speaks French', async () => {
    const html = await render('fr', { progress: { ...progress, running: false } });
    expect(html).toContain('Lancer la moisson');
    expect(html).toContain('Aucune moisson en cours.');
    expect(html).toContain('en échec');
    expect(html).toContain('Patients appris');
  });

  it('shows a short line, not an error, where there is no harvest', async () => {
    expect(await render('en', { config: { ...config, identity: { pixm: null } } })).toContain('This server harvests no archive.');
    expect(await render('en', { progress: null })).toContain('data-testid="harvest-not-configured"');
  });
});
