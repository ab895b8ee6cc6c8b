import { describe, expect, it } from 'vitest';
import { failureOfException, failureOfStatus, isImageFailure } from './imageFailure.ts';

describe('failureOfStatus', () => {
  it('tells the archive down, unreachable and slow apart', () => {
    expect(failureOfStatus(503, 'site chu is marked down')).toEqual({ kind: 'site-down', detail: 'site chu is marked down' });
    expect(failureOfStatus(502)).toEqual({ kind: 'unreachable' });
    expect(failureOfStatus(0)).toEqual({ kind: 'unreachable' });
    expect(failureOfStatus(504, undefined, 8)).toEqual({ kind: 'timeout', seconds: 8 });
  });

  it('says a missing image, a refused right and an archive refusal', () => {
    expect(failureOfStatus(404)).toEqual({ kind: 'not-found' });
    expect(failureOfStatus(403)).toEqual({ kind: 'forbidden', status: 403 });
    expect(failureOfStatus(500, 'Cannot transcode')).toEqual({ kind: 'archive-refused', status: 500, detail: 'Cannot transcode' });
  });
});

describe('failureOfException', () => {
  it('names an unsupported transfer syntax', () => {
    expect(failureOfException(new Error('no decoder for transfer syntax 1.2.999.1'))).toEqual({ kind: 'unsupported-syntax', syntax: '1.2.999.1' });
    expect(failureOfException(new Error('Transfer Syntax 1.2.3.4 is not supported'))).toEqual({ kind: 'unsupported-syntax', syntax: '1.2.3.4' });
  });

  it('takes what a decoder throws on bad data as not decodable', () => {
    expect(failureOfException(new TypeError("Cannot read properties of undefined (reading 'includes')")).kind).toBe('undecodable');
    expect(failureOfException(new RangeError('offset is out of bounds')).kind).toBe('undecodable');
    expect(failureOfException(new Error('JPEG marker not found')).kind).toBe('undecodable');
  });

  it('keeps any other message as it is', () => {
    expect(failureOfException('weird')).toEqual({ kind: 'other', detail: 'weird' });
    expect(failureOfException({ message: 'plain object' })).toEqual({ kind: 'other', detail: 'plain object' });
  });
});

describe('isImageFailure', () => {
  it('recognises failures and nothing else', () => {
    expect(isImageFailure({ kind: 'not-found' })).toBe(true);
    expect(isImageFailure(new Error('x'))).toBe(false);
    expect(isImageFailure(undefined)).toBe(false);
  });
});
