import { describe, expect, it } from 'vitest';
import { HARVEST_POLL_MS, harvestPollInterval, instantText, parseHarvestProgress, watermarkText } from './harvestModel.ts';

const site = { siteId: 'chu', state: 'running', studiesRead: 3, patientsLearnt: 2, watermark: '20240301', lastRunAt: '2026-11-18T09:30:00.000Z', lastSuccessAt: null, error: null };

describe('the harvest’s progress', () => {
  it('reads the answer of GET and POST /identity/harvest, and refuses an unknown state', () => {
    expect(parseHarvestProgress({ running: true, started: true, sites: [site] })).toEqual({ running: true, sites: [site] });
    expect(() => parseHarvestProgress({ running: false, sites: [{ ...site, state: 'asleep' }] })).toThrow();
    expect(() => parseHarvestProgress({ sites: [] })).toThrow();
  });

  it('polls every second while a run is under way, and not at all when idle or unknown', () => {
    expect(harvestPollInterval({ running: true, sites: [] })).toBe(HARVEST_POLL_MS);
    expect(HARVEST_POLL_MS).toBe(1000);
    expect(harvestPollInterval({ running: false, sites: [] })).toBe(false);
    expect(harvestPollInterval(null)).toBe(false);
    expect(harvestPollInterval(undefined)).toBe(false);
  });

  it('shows the watermark as a calendar date in the page’s language, never shifted by a time zone', () => {
    expect(watermarkText('20240301', 'fr-FR')).toBe('01/03/2024');
    expect(watermarkText('20241231', 'en-GB')).toBe('31/12/2024');
    expect(watermarkText(null, 'fr-FR')).toBe('');
    expect(watermarkText('2024', 'fr-FR')).toBe('');
  });

  it('shows an instant as date and time, and nothing for none or a malformed one', () => {
    expect(instantText('2026-11-18T09:30:00.000Z', 'en-GB')).toMatch(/18\/11\/2026/);
    expect(instantText(null, 'en-GB')).toBe('');
    expect(instantText('yesterday', 'en-GB')).toBe('');
  });
});
