import { describe, expect, it } from 'vitest';
import { siteStatusFromOutcome } from './siteState.ts';

describe('site status from a search outcome', () => {
  it('carries state, rounded time and error', () => {
    expect(siteStatusFromOutcome({ siteId: 'cgfl', status: 'timeout', ms: 8000.4, error: 'no answer within 8000 ms' })).toEqual({
      siteId: 'cgfl',
      state: 'timeout',
      ms: 8000,
      error: 'no answer within 8000 ms',
    });
    expect(siteStatusFromOutcome({ siteId: 'cgfl', status: 'ok', ms: 12.6 })).toEqual({ siteId: 'cgfl', state: 'ok', ms: 13 });
  });
});
