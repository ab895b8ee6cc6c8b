import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToString } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { SiteId, StudyUid } from '../domain/dicom/identifiers.ts';
import { launchTestSites } from '../domain/launch/testSites.ts';
import { IidLaunchPage } from './IidLaunchPage.tsx';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { lookUpStudy } from '../adapters/lookUpStudy.ts';

const config: PublicConfig = { sites: launchTestSites.slice(0, 2), identity: { pixm: null } };
const uid1 = '1.2.826.0.1.3680043.8.498.1' as StudyUid;

async function render(query: string, language = 'en'): Promise<string> {
  const i18n = createInstance();
  await i18n
    .use(initReactI18next)
    .init({ lng: language, fallbackLng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter initialEntries={[`/IHEInvokeImageDisplay?${query}`]}>
          <Routes>
            <Route path="/IHEInvokeImageDisplay" element={<IidLaunchPage config={config} />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

describe('IID launch page (RAD-106)', () => {
  it('refuses a patient ID without issuer, visibly, loading nothing', async () => {
    const html = await render('requestType=PATIENT&patientID=A100001');
    expect(html).toContain('data-testid="launch-error"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('data-refusal="patient-id-without-issuer"');
    expect(html).toContain('comes without its issuer');
    expect(html).toContain('Nothing was loaded.');
  });

  it('names an unknown issuer, as text', async () => {
    const html = await render(`requestType=PATIENT&patientID=${encodeURIComponent('A1^^^<img src=x onerror=alert(1)>')}`);
    expect(html).toContain('data-refusal="unknown-issuer"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('speaks French from the French messages', async () => {
    const html = await render('requestType=PATIENT&patientID=A1%5E%5E%5ENOPE', 'fr');
    expect(html).toContain('Lancement refusé');
    expect(html).toContain('L’émetteur « NOPE » de l’identifiant patient n’est aucun des sites de ce déploiement.');
    expect(html).toContain('Rien n’a été chargé.');
  });

  it('refuses a malformed study UID', async () => {
    const html = await render('requestType=STUDY&studyUID=javascript:alert(1)');
    expect(html).toContain('data-refusal="bad-study-uid"');
    expect(html).toContain('&quot;javascript:alert(1)&quot; is not a valid Study Instance UID.');
  });

  it('says which sites it asks while looking for a study', async () => {
    const html = await render(`requestType=STUDY&studyUID=${uid1}`);
    expect(html).toContain('role="status"');
    expect(html).toContain(`Looking for the study ${uid1} at CHU Dijon, Centre Georges-François Leclerc…`);
    expect(html).not.toContain('launch-error');
  });

  it('is on its way to the worklist for a patient launch', async () => {
    const html = await render('requestType=PATIENT&patientID=A1%5E%5E%5ECHU-DIJON');
    expect(html).toContain('role="status"');
    expect(html).not.toContain('launch-error');
  });
});

describe('looking a study up across sites', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const study = (uid: string, patientId: string, issuer: string) => [
    { '0020000D': { vr: 'UI', Value: [uid] }, '00100020': { vr: 'LO', Value: [patientId] }, '00100021': { vr: 'LO', Value: [issuer] } },
  ];

  it('asks every site in parallel, through its same-origin root, and reports each answer', async () => {
    const requests: { url: string; accept: string | null }[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ url, accept: new Headers(init.headers).get('accept') });
      await gate;
      if (url.startsWith('/sites/cgfl/')) return new Response(JSON.stringify(study(uid1, 'B1', 'CGFL')), { status: 200 });
      return new Response(null, { status: 204 });
    });
    const pending = lookUpStudy({ kind: 'study', studyUids: [uid1] }, config.sites);
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    release();
    const lookups = await pending;
    expect(requests.map((request) => request.url.split('?')[0])).toEqual(['/sites/chu-dijon/dicom-web/studies', '/sites/cgfl/dicom-web/studies']);
    expect(requests[0]?.url).toContain(`StudyInstanceUID=${uid1}&includefield=IssuerOfPatientID`);
    expect(requests.every((request) => request.accept === 'application/dicom+json')).toBe(true);
    expect(lookups.map((lookup) => [lookup.siteId, lookup.status])).toEqual([
      ['chu-dijon', 'not-found'],
      ['cgfl', 'found'],
    ]);
  });

  it('cuts a silent site off at its own timeout and says so', async () => {
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const sites = config.sites.map((site) => ({ ...site, timeoutMs: 30 }));
    const lookups = await lookUpStudy({ kind: 'study', studyUids: [uid1] }, sites);
    expect(lookups.map((lookup) => lookup.status)).toEqual(['timeout', 'timeout']);
    expect(lookups[0]?.error).toMatch(/^no answer within \d+ ms$/);
  });

  it('asks only the patient’s site for an accession number sent with a patient', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return new Response('<html>proxy error</html>', { status: 502, statusText: 'Bad Gateway' });
    });
    const lookups = await lookUpStudy({ kind: 'accession', accessionNumber: 'ACC 1', siteId: 'cgfl' as SiteId, patientId: 'B1' }, config.sites);
    // Only the patient's site is asked (a 502 is retried, the same request each time).
    expect(new Set(urls).size).toBe(1);
    expect(urls[0]).toMatch(/^\/sites\/cgfl\/dicom-web\/studies\?PatientID=B1&IssuerOfPatientID=CGFL&AccessionNumber=ACC%201&/);
    expect(lookups).toEqual([{ siteId: 'cgfl', status: 'error', studies: [], error: 'HTTP 502 Bad Gateway: proxy error', ms: expect.any(Number) }]);
  });
});
