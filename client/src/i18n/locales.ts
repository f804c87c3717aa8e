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

type AreaFile = { default: Record<string, unknown> };

/** "./locales/de/checkout.ts" -> ["de", "checkout"]. */
export function areaOf(path: string): [string, string] | null {
  const match = /\/locales\/([^/]+)\/([^/]+)\.ts$/.exec(path);
  return match ? [match[1]!, match[2]!] : null;
}

function areas(files: Record<string, AreaFile>): Messages {
  const messages: Messages = {};
  for (const [path, file] of Object.entries(files)) {
    const found = areaOf(path);
    if (found) messages[found[1]] = file.default;
  }
  return messages;
}

/**
 * The staff's areas: loaded when a staff page opens or a staff member is signed in, so that a customer's
 * pages do not download them (the configurator's JavaScript budget).
 */
export const STAFF_AREAS: readonly string[] = ['sales', 'admin', 'operations', 'plant'];

/**
 * What every page needs at once: English for the customer's areas (bundled with the app). Other
 * languages and the staff's areas are fetched when wanted (LOADERS). The globs list the staff areas by
 * name (a glob must be literal): keep them in step with STAFF_AREAS (tested).
 */
export const BUNDLED: Record<Locale, Messages> = {
  en: areas(
    import.meta.glob<AreaFile>(['./locales/en/*.ts', '!./locales/en/{sales,admin,operations,plant}.ts'], {
      eager: true,
    }),
  ),
  de: {},
};

/** path -> its loader, for every area file not bundled. */
export const LOADERS = import.meta.glob<AreaFile>([
  './locales/de/*.ts',
  './locales/en/{sales,admin,operations,plant}.ts',
]);

/** Every language's every area, loaded now: for tests and tools that check the messages themselves. */
export async function allMessages(): Promise<Record<Locale, Messages>> {
  const all: Record<Locale, Messages> = { en: { ...BUNDLED.en }, de: {} };
  for (const [path, load] of Object.entries(LOADERS)) {
    const found = areaOf(path);
    if (found && isLocale(found[0])) all[found[0]][found[1]] = (await load()).default;
  }
  return all;
}

export function isLocale(code: string | null | undefined): code is Locale {
  return LOCALES.some((locale) => locale.code === code);
}
