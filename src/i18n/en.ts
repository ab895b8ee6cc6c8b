/** English UI messages. Keys are shared with `fr.ts`; a test checks both have the same keys. */
export const en = {
  app: {
    title: 'Passerelle',
    tagline: 'Cross-site imaging viewer',
    skipToContent: 'Skip to content',
  },
  language: {
    label: 'Language',
    en: 'English',
    fr: 'Français',
  },
  sites: {
    heading: 'Sites',
    state: {
      loading: 'checking…',
      ok: 'reachable',
      partial: 'partial answer',
      error: 'unreachable',
      timeout: 'timed out',
    },
    latency: '{{ms}} ms',
    retry: 'Retry',
    retryLabel: 'Check {{site}} again',
  },
  identity: {
    heading: 'Identity service',
    state: {
      ok: 'cross-site linking available',
      unavailable: 'unavailable: cross-site linking is off',
      'not-configured': 'not configured: no cross-site linking',
    },
  },
  config: {
    loading: 'Loading the configuration…',
    failed: 'The configuration could not be loaded: {{error}}',
  },
  worklist: {
    heading: 'Worklist',
    empty: 'Search for a patient across every site.',
  },
  notFound: {
    heading: 'Page not found',
    back: 'Back to the worklist',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
