import { describe, expect, it } from 'vitest';
import { boardStepOfKey } from './boardKeys.ts';

const key = (name: string, modifiers: { ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean } = {}) => ({ key: name, ctrlKey: false, altKey: false, metaKey: false, ...modifiers });

describe('board keys', () => {
  it('N and Ctrl+→ go forward, P and Ctrl+← back', () => {
    expect(boardStepOfKey(key('n'))).toBe(1);
    expect(boardStepOfKey(key('N'))).toBe(1);
    expect(boardStepOfKey(key('ArrowRight', { ctrlKey: true }))).toBe(1);
    expect(boardStepOfKey(key('p'))).toBe(-1);
    expect(boardStepOfKey(key('ArrowLeft', { ctrlKey: true }))).toBe(-1);
  });

  it('leaves the slice keys and modified letters to others', () => {
    for (const name of ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', 'i', '1']) expect(boardStepOfKey(key(name))).toBe(0);
    expect(boardStepOfKey(key('n', { ctrlKey: true }))).toBe(0);
    expect(boardStepOfKey(key('n', { altKey: true }))).toBe(0);
    expect(boardStepOfKey(key('ArrowRight', { metaKey: true }))).toBe(0);
  });
});
