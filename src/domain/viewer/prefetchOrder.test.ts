import { describe, expect, it } from 'vitest';
import { prefetchOrder, prefetchWindow, scrollDirection, scrollingWindow, SCROLLING_WINDOW } from './prefetchOrder.ts';

describe('prefetchWindow', () => {
  it('gives two thirds of the room to the scroll direction', () => {
    expect(prefetchWindow(50, 120, 1, 30)).toEqual({ ahead: 20, behind: 10 });
    expect(prefetchWindow(50, 120, -1, 30)).toEqual({ ahead: 20, behind: 10 });
  });

  it('gives the other side what one side cannot use at the ends of the stack', () => {
    expect(prefetchWindow(115, 120, 1, 30)).toEqual({ ahead: 4, behind: 26 });
    expect(prefetchWindow(0, 120, 1, 30)).toEqual({ ahead: 30, behind: 0 });
    expect(prefetchWindow(3, 120, -1, 30)).toEqual({ ahead: 3, behind: 27 });
  });

  it('covers the whole stack when the room allows it', () => {
    expect(prefetchWindow(10, 120, 1, 1000)).toEqual({ ahead: 109, behind: 10 });
    expect(prefetchWindow(0, 1, 1, 1000)).toEqual({ ahead: 0, behind: 0 });
  });

  it('is empty without room', () => {
    expect(prefetchWindow(10, 120, 1, 0)).toEqual({ ahead: 0, behind: 0 });
  });
});

describe('prefetchOrder', () => {
  it('starts with the displayed image, then goes outward, scroll direction first, two ahead for one behind', () => {
    expect(prefetchOrder(10, 120, 1, { ahead: 4, behind: 2 })).toEqual([10, 11, 9, 12, 13, 8, 14]);
    expect(prefetchOrder(10, 120, -1, { ahead: 4, behind: 2 })).toEqual([10, 9, 11, 8, 7, 12, 6]);
  });

  it('lists each index of the window once, and nothing outside the stack', () => {
    const window = prefetchWindow(3, 50, -1, 49);
    const order = prefetchOrder(3, 50, -1, window);
    expect(order).toHaveLength(50);
    expect(new Set(order).size).toBe(50);
    expect(Math.min(...order)).toBe(0);
    expect(Math.max(...order)).toBe(49);
    expect(order.slice(0, 4)).toEqual([3, 2, 4, 1]);
  });

  it('handles a 6,000-slice series with a bounded window', () => {
    const order = prefetchOrder(3000, 6000, 1, prefetchWindow(3000, 6000, 1, 900));
    expect(order).toHaveLength(901);
    expect(Math.max(...order)).toBe(3600);
    expect(Math.min(...order)).toBe(2700);
  });

  it('is empty for an index outside the stack', () => {
    expect(prefetchOrder(5, 5, 1, { ahead: 3, behind: 3 })).toEqual([]);
    expect(prefetchOrder(0, 0, 1, { ahead: 3, behind: 3 })).toEqual([]);
  });
});

describe('scrollDirection', () => {
  it('follows the last move and keeps the direction when nothing moved', () => {
    expect(scrollDirection(4, 9, -1)).toBe(1);
    expect(scrollDirection(9, 4, 1)).toBe(-1);
    expect(scrollDirection(4, 4, -1)).toBe(-1);
  });
});

describe('scrollingWindow', () => {
  it('keeps a dozen images ahead and two behind of a large window', () => {
    expect(scrollingWindow({ ahead: 1400, behind: 700 })).toEqual(SCROLLING_WINDOW);
    expect(prefetchOrder(100, 6000, 1, scrollingWindow({ ahead: 1400, behind: 700 }))).toEqual([100, 101, 99, 102, 103, 98, 104, 105, 106, 107, 108, 109, 110, 111, 112]);
  });

  it('never widens a smaller window', () => {
    expect(scrollingWindow({ ahead: 3, behind: 0 })).toEqual({ ahead: 3, behind: 0 });
  });
});
