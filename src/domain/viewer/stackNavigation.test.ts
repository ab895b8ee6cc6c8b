import { describe, expect, it } from 'vitest';
import { indexAfterKey, pageStep } from './stackNavigation.ts';

describe('indexAfterKey', () => {
  it('steps, pages and jumps within the stack', () => {
    expect(indexAfterKey('ArrowDown', 5, 120)).toBe(6);
    expect(indexAfterKey('ArrowUp', 5, 120)).toBe(4);
    expect(indexAfterKey('ArrowRight', 119, 120)).toBe(119);
    expect(indexAfterKey('ArrowLeft', 0, 120)).toBe(0);
    expect(indexAfterKey('PageDown', 5, 120)).toBe(17);
    expect(indexAfterKey('PageUp', 5, 120)).toBe(0);
    expect(indexAfterKey('Home', 50, 120)).toBe(0);
    expect(indexAfterKey('End', 50, 120)).toBe(119);
  });
  it('ignores other keys and empty stacks', () => {
    expect(indexAfterKey('a', 5, 120)).toBeUndefined();
    expect(indexAfterKey('End', 0, 0)).toBeUndefined();
  });
  it('pages by a tenth of the stack, at least one image', () => {
    expect(pageStep(3)).toBe(1);
    expect(pageStep(80)).toBe(8);
  });
});
