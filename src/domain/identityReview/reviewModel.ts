/**
 * The identity review as the page reads it (`/identity/review/…`, JSON): possible matches with both records side by
 * side, persons with their records and links, and each person's history. Parsed with zod: whatever the server sends
 * is checked before the page shows it, and every string is shown as text.
 */
import { searchForm } from '../identity/searchForm.ts';
import { z } from '../zod.ts';

const jsonObject = z.record(z.string(), z.unknown());

export const INS_STATUSES = ['provisional', 'recovered', 'validated', 'qualified'] as const;
export type InsStatus = (typeof INS_STATUSES)[number];

const reviewRecordSchema = z.object({
  id: z.string(),
  system: z.string(),
  value: z.string(),
  site: z.string().nullable(),
  birthName: z.string().nullable(),
  usedName: z.string().nullable(),
  givenNames: z.array(z.string()),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  ins: z.object({ system: z.string(), value: z.string(), status: z.enum(INS_STATUSES).nullable() }).nullable(),
  personId: z.string().nullable(),
  link: z.object({ origin: z.enum(['automatic', 'human']), reason: jsonObject }).nullable(),
  deleted: z.boolean(),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

const queueItemSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  deferredAt: z.string().nullable(),
  reason: jsonObject,
  records: z.tuple([reviewRecordSchema, reviewRecordSchema]),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

const queuePageSchema = z.object({ total: z.number(), offset: z.number(), count: z.number(), items: z.array(queueItemSchema) });
export type QueuePage = z.infer<typeof queuePageSchema>;

const personSchema = z.object({ id: z.string(), records: z.array(reviewRecordSchema) });
export type ReviewPerson = z.infer<typeof personSchema>;

const historyEventSchema = z.object({
  at: z.string(),
  who: z.string().nullable(),
  event: z.string(),
  record: z.object({ id: z.string(), system: z.string(), value: z.string() }).nullable(),
  comment: z.string().nullable(),
  detail: jsonObject,
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

export const parseQueuePage = (input: unknown): QueuePage => queuePageSchema.parse(input);
export const parsePerson = (input: unknown): ReviewPerson => personSchema.parse(input);
export const parsePersons = (input: unknown): ReviewPerson[] => z.object({ persons: z.array(personSchema) }).parse(input).persons;
export const parseHistory = (input: unknown): HistoryEvent[] => z.object({ events: z.array(historyEventSchema) }).parse(input).events;

export type ReviewChoice = 'link' | 'not-same' | 'later';

/** Link and not-same need a comment; later does not. */
export function commentRequired(choice: ReviewChoice): boolean {
  return choice !== 'later';
}

/** The traits shown side by side, in the order of the strict traits first. */
export const SIDE_BY_SIDE_TRAITS = ['birthName', 'givenNames', 'birthDate', 'sex', 'usedName', 'ins'] as const;
export type SideBySideTrait = (typeof SIDE_BY_SIDE_TRAITS)[number];

/** A trait of a record as text (empty when unknown): given names joined, the INS as its value. */
export function traitText(record: ReviewRecord, trait: SideBySideTrait): string {
  switch (trait) {
    case 'givenNames':
      return record.givenNames.join(', ');
    case 'ins':
      return record.ins?.value ?? '';
    default:
      return record[trait] ?? '';
  }
}

/**
 * How a trait compares across the two records: `same` (equal without case, accents, hyphens or apostrophes),
 * `differ`, or `missing` on one side at least. Given names compare by the first one (the strict trait).
 */
export function traitAgreement(a: ReviewRecord, b: ReviewRecord, trait: SideBySideTrait): 'same' | 'differ' | 'missing' {
  const left = trait === 'givenNames' ? (a.givenNames[0] ?? '') : traitText(a, trait);
  const right = trait === 'givenNames' ? (b.givenNames[0] ?? '') : traitText(b, trait);
  if (left === '' || right === '') return 'missing';
  return searchForm(left) === searchForm(right) ? 'same' : 'differ';
}

/** One sentence of a reason, as an i18n key and its values. */
export interface ReasonPart {
  key: 'rule' | 'score' | 'agreeing' | 'differing' | 'missing' | 'levels' | 'ins';
  values?: Record<string, string>;
  /** The fields the sentence names (agreeing, differing, missing), for the page to put in words. */
  fields?: string[];
}

function fieldLevels(value: unknown): [string, string][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const entry = item as { field?: unknown; level?: unknown } | null;
    const how = entry && typeof (entry as { how?: unknown }).how === 'string' ? ` (${(entry as { how: string }).how})` : '';
    return entry && typeof entry.field === 'string' && typeof entry.level === 'string' ? [[entry.field, `${entry.level}${how}`] as [string, string]] : [];
  });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A matcher's reason in words: the rule it applied, the fields that agreed, differed or were missing, and its
 * score when it gave one. Unknown fields keep their own name; the page translates the known ones.
 */
export function reasonInWords(reason: Record<string, unknown>): ReasonPart[] {
  const parts: ReasonPart[] = [];
  if (typeof reason.rule === 'string') parts.push({ key: 'rule', values: { rule: reason.rule } });
  const score = typeof reason.score === 'number' ? reason.score : typeof reason.weight === 'number' ? reason.weight : undefined;
  if (score !== undefined) parts.push({ key: 'score', values: { score: score.toFixed(2) } });
  // The probabilistic matcher says the same with `agreed` and a level per field (`fields: [{ field, level }]`).
  const compared = fieldLevels(reason.fields);
  const byLevel = (wanted: string) => compared.filter(([, level]) => level.split(' ')[0] === wanted).map(([field]) => field);
  const listed = {
    agreeing: stringList(reason.agreeing).length > 0 ? stringList(reason.agreeing) : stringList(reason.agreed),
    differing: stringList(reason.differing).length > 0 ? stringList(reason.differing) : byLevel('different'),
    missing: stringList(reason.missing).length > 0 ? stringList(reason.missing) : byLevel('missing'),
  };
  for (const kind of ['agreeing', 'differing', 'missing'] as const) {
    if (listed[kind].length > 0) parts.push({ key: kind, fields: listed[kind] });
  }
  const levels = reason.levels ?? reason.comparisons ?? (compared.length > 0 ? Object.fromEntries(compared) : undefined);
  if (typeof levels === 'object' && levels !== null && !Array.isArray(levels)) {
    const described = Object.entries(levels as Record<string, unknown>)
      .filter(([, level]) => typeof level === 'string' || typeof level === 'number')
      .map(([field, level]) => `${field}: ${String(level)}`);
    if (described.length > 0) parts.push({ key: 'levels', values: { levels: described.join(', ') } });
  }
  if (typeof reason.ins === 'string') parts.push({ key: 'ins', values: { ins: reason.ins } });
  return parts;
}

/** A person's name for headings: the birth name (and used name) and first given name of its first record. */
export function personLabel(person: ReviewPerson): string {
  const first = person.records[0];
  if (!first) return person.id;
  const family = [first.birthName, first.usedName].filter((name): name is string => name !== null && name !== '').join(' / ');
  return [family, first.givenNames[0]].filter((part) => part !== undefined && part !== '').join(' ') || `${first.system}|${first.value}`;
}
