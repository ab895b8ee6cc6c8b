/**
 * A tumour-board session: the ordered studies a multidisciplinary meeting reviews, patient after patient. Each
 * item names its study (site + Study Instance UID) and the person it belongs to by the cross-site patient group
 * key, with the identity to show on the patient banner, copied from the worklist (display strings only: no
 * token, no URL).
 */
import type { PatientKey } from '../dicom/patientKey.ts';
import type { SiteId, StudyUid } from '../dicom/identifiers.ts';

/** The identity the banner shows, as the study's own site records it (Patient module, PS3.3 §C.7.1.1). */
export interface BoardPatient {
  /** The patient group key (one real person across sites): what colours are assigned by. */
  key: PatientKey;
  /** Patient's Name (0010,0010), formatted for display. */
  name: string;
  /** Patient's Birth Date (0010,0030), `YYYYMMDD`, or empty. */
  birthDate: string;
  /** Patient's Sex (0010,0040), or empty. */
  sex: string;
  /** The name of the site holding the study. */
  siteName: string;
  /** Patient ID (0010,0020) at that site. */
  patientId: string;
  /** Issuer of Patient ID (0010,0021) at that site; empty when the study carries none. */
  issuerOfPatientId: string;
}

/** One study on the board's agenda. */
export interface BoardItem {
  siteId: SiteId;
  studyUid: StudyUid;
  patient: BoardPatient;
  /** Study Date (0008,0020), `YYYYMMDD`, or empty. */
  studyDate: string;
  /** Study Description (0008,1030), or empty. */
  description: string;
  /** Modalities in Study (0008,0061). */
  modalities: string[];
}

/** The board's agenda, in presentation order. */
export interface BoardSession {
  items: BoardItem[];
}

/** The most items a session holds: a meeting's agenda, not an archive. */
export const BOARD_MAX_ITEMS = 60;

export const emptyBoardSession = (): BoardSession => ({ items: [] });

/** Whether two items name the same study at the same site. */
export function sameStudy(a: Pick<BoardItem, 'siteId' | 'studyUid'>, b: Pick<BoardItem, 'siteId' | 'studyUid'>): boolean {
  return a.siteId === b.siteId && a.studyUid === b.studyUid;
}

/** Whether the session already holds the study. */
export function hasStudy(session: BoardSession, study: Pick<BoardItem, 'siteId' | 'studyUid'>): boolean {
  return session.items.some((item) => sameStudy(item, study));
}

/** The session with `item` appended; unchanged when the study is already on it or the session is full. */
export function addItem(session: BoardSession, item: BoardItem): BoardSession {
  if (hasStudy(session, item) || session.items.length >= BOARD_MAX_ITEMS) return session;
  return { items: [...session.items, item] };
}

/** The session without the study. */
export function removeItem(session: BoardSession, study: Pick<BoardItem, 'siteId' | 'studyUid'>): BoardSession {
  return { items: session.items.filter((item) => !sameStudy(item, study)) };
}

/** Adds the study when absent, removes it when present (the worklist's toggle). */
export function toggleItem(session: BoardSession, item: BoardItem): BoardSession {
  return hasStudy(session, item) ? removeItem(session, item) : addItem(session, item);
}

/** The session with the item at `from` moved to `to` (both clamped to the list); unchanged when out of range. */
export function moveItem(session: BoardSession, from: number, to: number): BoardSession {
  const count = session.items.length;
  if (!Number.isInteger(from) || from < 0 || from >= count || !Number.isInteger(to)) return session;
  const target = Math.min(count - 1, Math.max(0, to));
  if (target === from) return session;
  const items = [...session.items];
  const [moved] = items.splice(from, 1);
  if (moved) items.splice(target, 0, moved);
  return { items };
}

/** An index kept inside the session (0 for an empty one). */
export function clampIndex(session: BoardSession, index: number): number {
  if (!Number.isFinite(index)) return 0;
  return Math.min(Math.max(0, session.items.length - 1), Math.max(0, Math.trunc(index)));
}

/** The most items shown side by side at once: beyond it, the grid pages through the agenda. */
export const BOARD_GRID_MAX = 6;

/** The items the side-by-side grid shows: the page of `size` items holding item `index`, as `[start, end)`. */
export function gridPage(count: number, index: number, size = BOARD_GRID_MAX): [number, number] {
  if (count <= 0 || size <= 0) return [0, 0];
  const current = Math.min(count - 1, Math.max(0, Math.trunc(index)));
  const start = Math.floor(current / size) * size;
  return [start, Math.min(count, start + size)];
}
