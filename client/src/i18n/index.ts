/**
 * The internationalisation seam: every user-visible string goes through vue-i18n (`const { t } = useI18n()`,
 * `t('area.key')`), and dates, numbers and money through ./format.ts (Intl, in the reader's locale).
 * The language is chosen by ?lang=de (remembered), then what this browser remembered, then the browser's own
 * languages, then English.
 */
import { type App, computed } from 'vue';
import { createI18n } from 'vue-i18n';
import {
  areaOf,
  BUNDLED,
  DEFAULT_LOCALE,
  isLocale,
  LOADERS,
  LOCALES,
  type Locale,
  STAFF_AREAS,
} from './locales';

export { isLocale as isLocaleCode, LOCALES, type Locale } from './locales';

const STORAGE_KEY = 'mto.locale';

/** English and German both have "one" and "other": pick the form by Intl.PluralRules, not by a guess. */
function pluralRule(locale: Locale) {
  const rules = new Intl.PluralRules(locale);
  // Messages give two forms ("1 build | {n} builds"), or three with a zero form first.
  return (choice: number, choicesLength: number): number => {
    const other = choicesLength - 1;
    if (choicesLength === 3 && choice === 0) return 0;
    const one = choicesLength === 3 ? 1 : 0;
    return rules.select(choice) === 'one' ? one : other;
  };
}

function storedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** The language to start in: ?lang=, then remembered, then the browser's, then English. */
export function initialLocale(): Locale {
  const asked = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  if (isLocale(asked)) return asked;
  const stored = storedLocale();
  if (isLocale(stored)) return stored;
  for (const language of globalThis.navigator?.languages ?? []) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  // A copy: merging loaded areas must not change what is bundled.
  messages: { en: { ...BUNDLED.en }, de: { ...BUNDLED.de } },
  pluralRules: Object.fromEntries(LOCALES.map(({ code }) => [code, pluralRule(code)])),
  // A missing German text falls back to English silently (staff pages are English-only so far); a key
  // missing in English too still warns in development.
  fallbackWarn: false,
  missingWarn: import.meta.env.DEV,
});

/** The interface language now. */
export const currentLocale = computed<Locale>(() => i18n.global.locale.value as Locale);

/**
 * The locale dates, numbers and money are written in: the browser's own variant of the interface language
 * (en-US writes "Dec 7, 2026", en-GB "7 Dec 2026"), else that language's usual region.
 */
export const formatLocale = computed<string>(() => {
  const language = currentLocale.value;
  for (const candidate of globalThis.navigator?.languages ?? []) {
    if (candidate.toLowerCase().split('-')[0] === language && candidate.includes('-')) return candidate;
  }
  return LOCALES.find((locale) => locale.code === language)?.region ?? language;
});

/** "de/checkout" once loaded: what is in the i18n instance besides the bundled English. */
const loaded = new Set<string>();
let staffWanted = false;

/**
 * Loads what the pages in this language need and is not loaded yet: the language's customer areas, and
 * once a staff page or a staff member asked for them, the staff's areas (in English too, the fallback).
 */
export async function ensureMessages(locale: Locale = currentLocale.value): Promise<void> {
  const wanted = Object.entries(LOADERS).filter(([path]) => {
    const found = areaOf(path);
    if (!found || loaded.has(`${found[0]}/${found[1]}`)) return false;
    const staffArea = STAFF_AREAS.includes(found[1]);
    return (found[0] === locale || (staffArea && found[0] === DEFAULT_LOCALE)) && (!staffArea || staffWanted);
  });
  await Promise.all(
    wanted.map(async ([path, load]) => {
      const [language, area] = areaOf(path)!;
      i18n.global.mergeLocaleMessage(language, { [area]: (await load()).default });
      loaded.add(`${language}/${area}`);
    }),
  );
}

/** A staff page opens or a staff member signed in: their areas are loaded from now on. */
export function wantStaffMessages(): Promise<void> {
  staffWanted = true;
  return ensureMessages();
}

/** Switches the language once its messages are here (no flash of English): the header's switch. */
export async function switchLocale(locale: Locale): Promise<void> {
  await ensureMessages(locale);
  setLocale(locale);
}

/**
 * Switches the interface language at once (its messages must be loaded: switchLocale waits for them),
 * remembers it in this browser and tells assistive technology (html lang).
 */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage refused (private mode): the choice holds for this page only.
  }
  if (globalThis.document) globalThis.document.documentElement.lang = locale;
}

export function installI18n(app: App): void {
  app.use(i18n);
  if (globalThis.document) globalThis.document.documentElement.lang = currentLocale.value;
}
