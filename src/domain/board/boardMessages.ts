/**
 * What a presenter's window tells the windows following it (another monitor) over a `BroadcastChannel`:
 * navigation only — which item is shown and how items are laid out — never a URL or anything to fetch. Every
 * message received is validated; anything else is ignored.
 */
import { z } from '../zod.ts';

/** The channel the board's windows share. */
export const BOARD_CHANNEL = 'passerelle-board';

/** How the board presents its items: one after another, or side by side. */
export type BoardLayout = 'sequence' | 'grid';

const schema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('show'), index: z.number().int().min(0).max(999) }),
  z.strictObject({ type: z.literal('layout'), layout: z.enum(['sequence', 'grid']) }),
  z.strictObject({ type: z.literal('where') }),
]);

/**
 * - `show`: the presenter shows item `index` (0-based, in the session's order);
 * - `layout`: the presenter switched layout;
 * - `where`: a follower just opened and asks the presenter to repeat its state.
 */
export type BoardMessage = z.infer<typeof schema>;

/** The message, when `data` is one; `undefined` otherwise. */
export function parseBoardMessage(data: unknown): BoardMessage | undefined {
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
