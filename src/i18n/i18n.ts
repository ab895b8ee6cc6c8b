import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { fr } from './fr.ts';

export const supportedLanguages = ['fr', 'en'] as const;
export type UiLanguage = (typeof supportedLanguages)[number];

/** Language from the user's choice (kept in localStorage), else the browser's, else English. */
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    supportedLngs: [...supportedLanguages],
    nonExplicitSupportedLngs: true,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], caches: ['localStorage'], lookupLocalStorage: 'passerelle.language' },
  });

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language.slice(0, 2);
});

export { i18n };

/** The locale dates and times are shown in: English UI in European day-month order, as in hospitals here. */
export function displayLocale(language: string | undefined): string {
  return language?.startsWith('fr') ? 'fr-FR' : 'en-GB';
}
