import { describe, expect, it } from 'vitest';
import { parseBoardSession, serializeBoardSession } from './boardStorage.ts';
import { boardItem } from './boardTestItems.ts';

const session = { items: [boardItem('chu', 'A100001', '1.2.3', 'DURAND^MARIE'), boardItem('cgfl', '300042', '1.2.4', 'BERNARD^LUC')] };

describe('board storage', () => {
  it('round-trips a session', () => {
    expect(parseBoardSession(serializeBoardSession(session))).toEqual({ session });
  });

  it('nothing stored is an empty session without a problem', () => {
    expect(parseBoardSession(null)).toEqual({ session: { items: [] } });
  });

  it('text that is not JSON is unreadable', () => {
    expect(parseBoardSession('{"version":1,')).toEqual({ session: { items: [] }, problem: 'unreadable' });
  });

  it.each([
    ['another version', { version: 2, items: [] }],
    ['not an object', [1, 2]],
    ['an unknown field (a URL to fetch)', { version: 1, items: [{ ...session.items[0], url: 'https://elsewhere.example/' }] }],
    ['a site id with a path', { version: 1, items: [{ ...session.items[0], siteId: '../admin' }] }],
    ['a study UID with a script', { version: 1, items: [{ ...session.items[0], studyUid: '<script>' }] }],
    ['a malformed patient key', { version: 1, items: [{ ...session.items[0], patient: { ...session.items[0]!.patient, key: 'DURAND' } }] }],
    ['an oversize name', { version: 1, items: [{ ...session.items[0], patient: { ...session.items[0]!.patient, name: 'x'.repeat(10_000) } }] }],
    ['a date that is not a DICOM date', { version: 1, items: [{ ...session.items[0], studyDate: '2026-01-02' }] }],
    ['a prototype key', JSON.parse('{"version":1,"items":[],"__proto__":{"polluted":true}}') as unknown],
  ])('%s is invalid: empty session', (_, stored) => {
    const read = parseBoardSession(JSON.stringify(stored));
    expect(read).toEqual({ session: { items: [] }, problem: 'invalid' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a study stored twice is kept once', () => {
    const twice = JSON.stringify({ version: 1, items: [session.items[0], session.items[0]] });
    expect(parseBoardSession(twice).session.items).toHaveLength(1);
  });
});
