/**
 * The tumour-board session as stored in the browser (JSON): validated on the way in, so that corrupt or hostile
 * stored data gives an empty session and a reason, never a crash and never an unchecked identifier. Only
 * identifiers and display strings are stored: no token, no URL.
 */
import { z } from '../zod.ts';
import { asPatientKey } from '../dicom/patientKey.ts';
import { asSiteId, asStudyUid } from '../dicom/identifiers.ts';
import { BOARD_MAX_ITEMS, emptyBoardSession, hasStudy, type BoardItem, type BoardSession } from './boardSession.ts';

/** The key the session is stored under. */
export const BOARD_STORAGE_KEY = 'passerelle.board.v1';

const text = (max: number) => z.string().max(max);
const dicomDateText = z.string().regex(/^(\d{8})?$/);

/** A string checked (and branded) by the domain's own parser. */
function branded<T>(max: number, parse: (value: string) => T | undefined, message: string) {
  return z
    .string()
    .max(max)
    .transform((value, context): T => {
      const result = parse(value);
      if (result === undefined) {
        context.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return result;
    });
}

const itemSchema = z.strictObject({
  siteId: branded(64, asSiteId, 'invalid site id'),
  studyUid: branded(64, (value) => asStudyUid(value, 'archive'), 'invalid study UID'),
  patient: z.strictObject({
    key: branded(4096, asPatientKey, 'invalid patient key'),
    name: text(512),
    birthDate: dicomDateText,
    sex: text(16),
    siteName: text(256),
    patientId: text(64),
    issuerOfPatientId: text(64),
  }),
  studyDate: dicomDateText,
  description: text(512),
  modalities: z.array(text(16)).max(32),
});

const sessionSchema = z.strictObject({
  version: z.literal(1),
  items: z.array(itemSchema).max(BOARD_MAX_ITEMS),
});

/** Why a stored session was not used. */
export type BoardStorageProblem = 'unreadable' | 'invalid';

/** A stored session read back: the session, and the problem when it had to be emptied. */
export interface StoredBoardSession {
  session: BoardSession;
  problem?: BoardStorageProblem;
}

/** The JSON text stored for a session. */
export function serializeBoardSession(session: BoardSession): string {
  return JSON.stringify({ version: 1, items: session.items });
}

/**
 * The session stored in `stored` (`null` or empty: an empty session, no problem). Text that is not JSON is
 * `unreadable`; JSON that is not a well-formed session (unknown fields, bad identifiers, oversize strings) is
 * `invalid`. A study listed twice is kept once.
 */
export function parseBoardSession(stored: string | null | undefined): StoredBoardSession {
  if (stored === null || stored === undefined || stored === '') return { session: emptyBoardSession() };
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return { session: emptyBoardSession(), problem: 'unreadable' };
  }
  const parsed = sessionSchema.safeParse(json);
  if (!parsed.success) return { session: emptyBoardSession(), problem: 'invalid' };
  const items: BoardItem[] = [];
  for (const item of parsed.data.items) if (!hasStudy({ items }, item)) items.push(item);
  return { session: { items } };
}
