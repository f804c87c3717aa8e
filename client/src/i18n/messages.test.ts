/**
 * Every message of every area, in every language: it compiles (vue-i18n refuses e.g. a bare "@", which
 * starts a linked message), and a translation asks for the same placeholders and the same number of plural
 * forms as the English text, so a German page never shows "{name}" or picks the wrong form.
 */
import { describe, expect, it } from 'vitest';
import { i18n } from './index';
import { allMessages, LOCALES } from './locales';

type Tree = { [key: string]: string | Tree };

/** Every message as [key, text]: "sales.quotes.count" -> "{shown} of {total} quote | …". */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
const forms = (text: string): number => text.split(' | ').length;

const MESSAGES = await allMessages();
const english = new Map(leaves(MESSAGES.en as Tree));

describe('the messages', () => {
  it('are found (the areas load)', () => {
    expect(english.get('account.signIn.title')).toBe('Sign in');
    expect(english.size).toBeGreaterThan(100);
  });

  it.each(LOCALES.map((locale) => locale.code))('compile in %s', (locale) => {
    const broken: string[] = [];
    for (const [key, text] of leaves(MESSAGES[locale] as Tree)) {
      const named = Object.fromEntries(placeholders(text).map((p) => [p.slice(1, -1), 'x']));
      try {
        const said = i18n.global.t(key, named, { locale, plural: 2 });
        if (said === key) broken.push(`${key}: not found`);
      } catch (error) {
        broken.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(LOCALES.filter((locale) => locale.code !== 'en').map((locale) => locale.code))(
    'in %s ask for the placeholders and plural forms the English text has',
    (locale) => {
      const different: string[] = [];
      for (const [key, text] of leaves(MESSAGES[locale] as Tree)) {
        const source = english.get(key);
        if (source === undefined) different.push(`${key}: not in English`);
        else if (placeholders(source).join() !== placeholders(text).join())
          different.push(`${key}: ${placeholders(text).join()} for ${placeholders(source).join()}`);
        else if (forms(source) !== forms(text))
          different.push(`${key}: ${forms(text)} forms for ${forms(source)}`);
      }
      expect(different).toEqual([]);
    },
  );
});
