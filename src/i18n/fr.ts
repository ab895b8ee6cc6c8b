import type { Messages } from './en.ts';

/** Messages de l'interface en français. */
export const fr: Messages = {
  app: {
    title: 'Passerelle',
    tagline: 'Visionneuse d’imagerie multisite',
    skipToContent: 'Aller au contenu',
  },
  language: {
    label: 'Langue',
    en: 'English',
    fr: 'Français',
  },
  sites: {
    heading: 'Sites',
    state: {
      loading: 'vérification…',
      ok: 'joignable',
      partial: 'réponse partielle',
      error: 'injoignable',
      timeout: 'délai dépassé',
    },
    latency: '{{ms}} ms',
    retry: 'Réessayer',
    retryLabel: 'Vérifier à nouveau {{site}}',
  },
  identity: {
    heading: 'Service d’identités',
    state: {
      ok: 'rapprochement multisite disponible',
      unavailable: 'indisponible : pas de rapprochement multisite',
      'not-configured': 'non configuré : pas de rapprochement multisite',
    },
  },
  config: {
    loading: 'Chargement de la configuration…',
    failed: 'La configuration n’a pas pu être chargée : {{error}}',
  },
  worklist: {
    heading: 'Liste de travail',
    empty: 'Recherchez un patient dans tous les sites.',
  },
  notFound: {
    heading: 'Page introuvable',
    back: 'Retour à la liste de travail',
  },
};
