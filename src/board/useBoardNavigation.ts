/**
 * Where the board is: the item shown and the layout. A presenter's window owns it and tells following windows
 * (another monitor) over the `passerelle-board` BroadcastChannel; a follower only listens, and asks for the
 * current state when it opens. Keys: N or Ctrl+→ next item, P or Ctrl+← previous (plain arrows and
 * PageUp/PageDown stay with the viewport's slices).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { boardStepOfKey } from '../domain/board/boardKeys.ts';
import { BOARD_CHANNEL, parseBoardMessage, type BoardLayout, type BoardMessage } from '../domain/board/boardMessages.ts';
import { isTextEntry } from '../shell/isTextEntry.ts';

export type BoardRole = 'presenter' | 'follower';

export interface BoardNavigation {
  index: number;
  layout: BoardLayout;
  show(index: number): void;
  step(delta: number): void;
  setLayout(layout: BoardLayout): void;
}

export function useBoardNavigation(role: BoardRole, count: number, initialLayout: BoardLayout): BoardNavigation {
  const [index, setIndex] = useState(0);
  const [layout, setLayout] = useState<BoardLayout>(initialLayout);
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  const state = useRef({ index: 0, layout: initialLayout });
  const bounded = Math.min(Math.max(0, count - 1), Math.max(0, index));

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return undefined;
    const opened = new BroadcastChannel(BOARD_CHANNEL);
    channel.current = opened;
    const post = (message: BoardMessage) => opened.postMessage(message);
    opened.onmessage = (event: MessageEvent) => {
      const message = parseBoardMessage(event.data);
      if (!message) return;
      if (role === 'presenter') {
        if (message.type === 'where') {
          post({ type: 'layout', layout: state.current.layout });
          post({ type: 'show', index: state.current.index });
        }
      } else if (message.type === 'show') setIndex(message.index);
      else if (message.type === 'layout') setLayout(message.layout);
    };
    if (role === 'follower') post({ type: 'where' });
    return () => {
      opened.close();
      channel.current = undefined;
    };
  }, [role]);

  useEffect(() => {
    state.current = { ...state.current, index: bounded };
    if (role === 'presenter') channel.current?.postMessage({ type: 'show', index: bounded } satisfies BoardMessage);
  }, [role, bounded]);
  useEffect(() => {
    state.current = { ...state.current, layout };
    if (role === 'presenter') channel.current?.postMessage({ type: 'layout', layout } satisfies BoardMessage);
  }, [role, layout]);

  const show = useCallback((next: number) => setIndex(Math.min(Math.max(0, count - 1), Math.max(0, next))), [count]);
  const step = useCallback((delta: number) => setIndex((current) => Math.min(Math.max(0, count - 1), Math.max(0, Math.min(current, count - 1) + delta))), [count]);

  useEffect(() => {
    if (role !== 'presenter') return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (isTextEntry(event.target)) return;
      const delta = boardStepOfKey(event);
      if (delta === 0) return;
      event.preventDefault();
      step(delta);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [role, step]);

  return { index: bounded, layout, show, step, setLayout };
}
