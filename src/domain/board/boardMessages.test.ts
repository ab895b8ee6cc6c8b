import { describe, expect, it } from 'vitest';
import { parseBoardMessage } from './boardMessages.ts';

describe('board messages', () => {
  it('accepts navigation', () => {
    expect(parseBoardMessage({ type: 'show', index: 2 })).toEqual({ type: 'show', index: 2 });
    expect(parseBoardMessage({ type: 'layout', layout: 'grid' })).toEqual({ type: 'layout', layout: 'grid' });
    expect(parseBoardMessage({ type: 'where' })).toEqual({ type: 'where' });
  });

  it.each([
    ['a URL', { type: 'show', index: 1, url: 'https://elsewhere.example/' }],
    ['an unknown type', { type: 'open', href: '/viewer/x/y' }],
    ['a negative index', { type: 'show', index: -1 }],
    ['a fractional index', { type: 'show', index: 1.5 }],
    ['an index as text', { type: 'show', index: '1' }],
    ['an unknown layout', { type: 'layout', layout: 'javascript:alert(1)' }],
    ['text', 'show 1'],
    ['nothing', null],
  ])('ignores %s', (_, data) => {
    expect(parseBoardMessage(data)).toBeUndefined();
  });
});
