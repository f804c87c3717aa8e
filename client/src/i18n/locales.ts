/**
 * The interface languages and what each message area holds. Messages live one file per area and language
 * (locales/en/<area>.ts, locales/de/<area>.ts); an area's key is its file name: t('checkout.title').
 * English is complete and the fallback; German covers the customer's path (catalogue, configurator,
 * checkout, order) and falls back to English on staff pages.
 */
export const LOCALES = [
  { code: 'en', name: 'English', region: 'en-GB' },
  { code: 'de', name: 'Deutsch', region: 'de-DE' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];
export const DEFAULT_LOCALE: Locale = 'en';

/** The messages of one language: area -> the area file's object. */
export type Messages = Record<string, Record<string, unknown>>;

/** Every area file of a language, eagerly bundled (a few kilobytes each): area name -> messages. */
function areas(files: Record<string, { default: Record<string, unknown> }>): Messages {
  const messages: Messages = {};
  for (const [path, file] of Object.entries(files)) {
    const area = /\/([^/]+)\.ts$/.exec(path)?.[1];
    if (area) messages[area] = file.default;
  }
  return messages;
}

export const MESSAGES: Record<Locale, Messages> = {
  en: areas(import.meta.glob('./locales/en/*.ts', { eager: true })),
  de: areas(import.meta.glob('./locales/de/*.ts', { eager: true })),
};

export function isLocale(code: string | null | undefined): code is Locale {
  return LOCALES.some((locale) => locale.code === code);
}
