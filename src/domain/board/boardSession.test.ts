import { describe, expect, it } from 'vitest';
import { addItem, BOARD_MAX_ITEMS, clampIndex, gridPage, emptyBoardSession, hasStudy, moveItem, removeItem, toggleItem } from './boardSession.ts';
import { boardItem } from './boardTestItems.ts';

const a = boardItem('chu', '1', '1.2.1');
const b = boardItem('chu', '2', '1.2.2');
const c = boardItem('cgfl', '1', '1.2.1');

describe('board session', () => {
  it('adds a study once, the same UID at another site being another study', () => {
    const session = addItem(addItem(addItem(emptyBoardSession(), a), a), c);
    expect(session.items).toEqual([a, c]);
    expect(hasStudy(session, { siteId: c.siteId, studyUid: c.studyUid })).toBe(true);
  });

  it('removes and toggles by site and study', () => {
    const session = addItem(addItem(emptyBoardSession(), a), b);
    expect(removeItem(session, a).items).toEqual([b]);
    expect(toggleItem(session, b).items).toEqual([a]);
    expect(toggleItem(toggleItem(session, c), c).items).toEqual([a, b]);
  });

  it('reorders, clamping the target and ignoring an index out of range', () => {
    const session = { items: [a, b, c] };
    expect(moveItem(session, 0, 2).items).toEqual([b, c, a]);
    expect(moveItem(session, 2, -5).items).toEqual([c, a, b]);
    expect(moveItem(session, 3, 0)).toBe(session);
    expect(moveItem(session, 1, 1)).toBe(session);
  });

  it('stops at its maximum size', () => {
    let session = emptyBoardSession();
    for (let index = 0; index < BOARD_MAX_ITEMS + 5; index += 1) session = addItem(session, boardItem('chu', `${index}`, `1.2.${index}`));
    expect(session.items).toHaveLength(BOARD_MAX_ITEMS);
  });

  it('keeps an index inside the session', () => {
    expect(clampIndex({ items: [a, b] }, 5)).toBe(1);
    expect(clampIndex({ items: [a, b] }, -1)).toBe(0);
    expect(clampIndex(emptyBoardSession(), 3)).toBe(0);
    expect(clampIndex({ items: [a] }, Number.NaN)).toBe(0);
  });

  it('pages the side-by-side grid through a long agenda', () => {
    expect(gridPage(2, 1)).toEqual([0, 2]);
    expect(gridPage(14, 5)).toEqual([0, 6]);
    expect(gridPage(14, 6)).toEqual([6, 12]);
    expect(gridPage(14, 13)).toEqual([12, 14]);
    expect(gridPage(14, 99)).toEqual([12, 14]);
    expect(gridPage(0, 0)).toEqual([0, 0]);
  });
});
