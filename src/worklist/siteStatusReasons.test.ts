import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import type { NotSearchedReason } from '../domain/federation/siteReach.ts';
import { siteStatusReasons } from './siteStatusReasons.ts';

const names: Record<string, string> = { chu: 'CHU Dijon', cgfl: 'CGFL' };
const siteName = (id: string) => names[id] ?? id;

describe('siteStatusReasons', () => {
  it('words every reason a site was not searched, naming the site it is about', () => {
    const messages = siteStatusReasons(
      {
        siteId: 'cgfl',
        state: 'not-searched',
        truncated: false,
        notSearched: [
          { kind: 'identifier-system-unknown', siteId: 'chu', detail: 'code-invalid' },
          { kind: 'no-identifier' },
        ],
      },
      siteName,
    );
    expect(messages).toEqual([
      { key: 'notSearched.identifier-system-unknown', values: { site: 'CHU Dijon', detail: 'code-invalid' } },
      { key: 'notSearched.no-identifier', values: {} },
    ]);
  });

  it('says what a loading site not asked yet waits for, and nothing for a site that answered', () => {
    expect(siteStatusReasons({ siteId: 'cgfl', state: 'loading', truncated: false, waitingFor: { kind: 'source', siteId: 'chu' } }, siteName)).toEqual([
      { key: 'waitingFor.source', values: { site: 'CHU Dijon' } },
    ]);
    expect(siteStatusReasons({ siteId: 'cgfl', state: 'loading', truncated: false }, siteName)).toEqual([]);
    expect(siteStatusReasons({ siteId: 'cgfl', state: 'ok', truncated: false }, siteName)).toEqual([]);
  });

  it('has a message for every reason', () => {
    const kinds: Record<NotSearchedReason['kind'], true> = {
      'identity-not-configured': true,
      'identity-unavailable': true,
      'identifier-system-unknown': true,
      'no-identifier': true,
      'not-linkable': true,
      'nothing-found': true,
      'source-failed': true,
    };
    expect(Object.keys(en.sites.notSearched).sort()).toEqual(Object.keys(kinds).sort());
    expect(Object.keys(en.sites.waitingFor).sort()).toEqual(['identity', 'source']);
  });
});
