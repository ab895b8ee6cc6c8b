import { describe, expect, it } from 'vitest';
import type { SiteOutcome } from '../domain/federation/archive.ts';
import type { SiteId } from '../domain/dicom/identifiers.ts';
import { combineSiteOutcomes, siteSearchStatus } from './siteSearchStatus.ts';

const outcome = (status: SiteOutcome['status'], extra: Partial<SiteOutcome> = {}): SiteOutcome => ({ siteId: 'chu' as SiteId, status, studies: [], ms: 40, ...extra });

describe('combineSiteOutcomes', () => {
  it('is loading while any query of the site is in flight', () => {
    expect(combineSiteOutcomes('chu', [outcome('ok'), undefined]).state).toBe('loading');
  });
  it('keeps the worst state and every distinct error', () => {
    const status = combineSiteOutcomes('chu', [outcome('ok'), outcome('timeout', { error: 'no answer within 8000 ms' }), outcome('partial', { error: 'one unreadable study' })]);
    expect(status).toEqual({ siteId: 'chu', state: 'timeout', ms: 40, truncated: false, error: 'no answer within 8000 ms; one unreadable study' });
  });
  it('says more results exist when the last page was truncated', () => {
    expect(combineSiteOutcomes('chu', [outcome('partial', { truncated: true })]).truncated).toBe(true);
  });
});

describe('siteSearchStatus', () => {
  it('reads the outcomes of a site the search reaches', () => {
    expect(siteSearchStatus('chu', { kind: 'searched' }, [outcome('ok')])).toEqual({ siteId: 'chu', state: 'ok', ms: 40, truncated: false });
  });
  it('reads loading, never ok, while the site waits for the identity service or has no answer yet', () => {
    expect(siteSearchStatus('cgfl', { kind: 'waiting', reason: { kind: 'identity' } }, [])).toEqual({
      siteId: 'cgfl',
      state: 'loading',
      truncated: false,
      waitingFor: { kind: 'identity' },
    });
    expect(siteSearchStatus('cgfl', { kind: 'waiting', reason: { kind: 'identity' } }, [outcome('ok')]).state).toBe('loading');
    expect(siteSearchStatus('cgfl', { kind: 'searched' }, []).state).toBe('loading');
  });
  it('reads not-searched with its reasons', () => {
    expect(siteSearchStatus('cgfl', { kind: 'not-searched', reasons: [{ kind: 'no-identifier' }] }, [])).toEqual({
      siteId: 'cgfl',
      state: 'not-searched',
      truncated: false,
      notSearched: [{ kind: 'no-identifier' }],
    });
  });
});
