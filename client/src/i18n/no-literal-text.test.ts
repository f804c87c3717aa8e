/**
 * Every word a page shows goes through vue-i18n: this reads every .vue file under client/src and fails on
 * visible text written straight into a template — a text node with letters outside {{ }}, a literal
 * aria-label / placeholder / title / alt / label, or a string literal that reads as prose ("Save", 'Saving…')
 * inside {{ }} or a bound one of those attributes.
 *
 * STILL_LITERAL lists the files other helpers of issue 15 are converting right now: once their branch is
 * merged and the file passes, delete its line (the test fails when a listed file no longer needs the entry,
 * so the list only shrinks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'vue/compiler-sfc';

/** The template's syntax tree as vue/compiler-sfc parses it (before any transform). */
type Node = NonNullable<NonNullable<ReturnType<typeof parse>['descriptor']['template']>['ast']>;
/** The node kinds read here (@vue/compiler-core's NodeTypes, which vue/compiler-sfc does not re-export). */
const NodeTypes = { ELEMENT: 1, TEXT: 2, SIMPLE_EXPRESSION: 4, INTERPOLATION: 5, ATTRIBUTE: 6, DIRECTIVE: 7 };

/** What the walk reads of a node or a prop; the compiler's own types are a union too wide to narrow here. */
interface Loose {
  type: number;
  content?: string | Loose;
  children?: Loose[];
  props?: Loose[];
  name?: string;
  value?: { content: string };
  arg?: Loose;
  exp?: Loose;
}

/** Paths relative to client/src. */
const STILL_LITERAL: readonly string[] = [];

/** Attributes a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'placeholder',
  'title',
  'alt',
  'label',
]);

const LETTER = /\p{L}/u;
/** A quoted literal in an expression: '…', "…" or a template literal (its text around the ${…}). */
const STRING_LITERAL = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;

/**
 * Whether a string literal in an expression reads as words for people: starts with a capital and a small
 * letter ("Save"), or has a space or an ellipsis between letters ("try again", "Saving…"). State names,
 * codes and class names ('ok', 'SENT', 'button--primary') do not.
 */
function readsAsProse(literal: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(literal) || /\p{L}[\s…]+\p{L}/u.test(literal) || /\p{L}…$/u.test(literal);
}

function proseLiterals(expression: string): string[] {
  const found: string[] = [];
  for (const match of expression.matchAll(STRING_LITERAL)) {
    const text = match[1] ?? match[2] ?? (match[3] ?? '').replace(/\$\{[^}]*\}/g, ' ').trim();
    if (readsAsProse(text)) found.push(text);
  }
  return found;
}

/** An expression's source text ('' for anything else). */
function expressionOf(node: Loose | undefined): string {
  return node?.type === NodeTypes.SIMPLE_EXPRESSION && typeof node.content === 'string' ? node.content : '';
}

function attributeProblems(prop: Loose): string[] {
  const name = prop.name ?? '';
  if (prop.type === NodeTypes.ATTRIBUTE) {
    const value = prop.value?.content ?? '';
    return VISIBLE_ATTRIBUTES.has(name) && LETTER.test(value) ? [`${name}="${value}"`] : [];
  }
  const arg = expressionOf(prop.arg);
  if (name !== 'bind' || !VISIBLE_ATTRIBUTES.has(arg)) return [];
  return proseLiterals(expressionOf(prop.exp)).map((text) => `:${arg} '${text}'`);
}

/** The literal texts a template shows, each as it is written. */
function literalTexts(node: Loose): string[] {
  const problems: string[] = [];
  if (node.type === NodeTypes.TEXT && typeof node.content === 'string' && LETTER.test(node.content)) {
    problems.push(node.content.trim());
  }
  if (node.type === NodeTypes.INTERPOLATION && typeof node.content === 'object') {
    problems.push(...proseLiterals(expressionOf(node.content)).map((text) => `{{ '${text}' }}`));
  }
  if (node.type === NodeTypes.ELEMENT) {
    for (const prop of node.props ?? []) problems.push(...attributeProblems(prop));
  }
  for (const child of node.children ?? []) problems.push(...literalTexts(child));
  return problems;
}

function templateProblems(source: string): string[] {
  const ast: Node | undefined = parse(source).descriptor.template?.ast ?? undefined;
  return ast ? literalTexts(ast as unknown as Loose) : [];
}

const SRC = join(import.meta.dirname, '..');

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return vueFiles(path);
    return entry.name.endsWith('.vue') ? [relative(SRC, path).split('\\').join('/')] : [];
  });
}

describe('no literal text in templates', () => {
  const files = vueFiles(SRC).sort();

  it('finds the .vue files (the walk itself works)', () => {
    expect(files).toContain('App.vue');
    expect(files).toContain('pages/SignInPage.vue');
  });

  it('flags text, literal attributes and prose literals, and lets t() through', () => {
    const flagged = templateProblems(`<template>
      <h1>Sign in</h1>
      <input placeholder="Your e-mail" :title="t('account.email')" />
      <button :aria-label="busy ? 'Signing in…' : t('account.signIn')">{{ busy ? 'Saving…' : t('x') }}</button>
      <a :title="\`Quote for \${name}\`" :class="\`badge--\${tone}\`">{{ \`\${n}-\${m}\` }}</a>
      <p v-if="a" :class="state === 'ok' ? 'good' : 'bad'">{{ t('account.lead') }} · {{ n }}</p>
    </template>`);
    expect(flagged).toEqual([
      'Sign in',
      'placeholder="Your e-mail"',
      ":aria-label 'Signing in…'",
      "{{ 'Saving…' }}",
      ":title 'Quote for'",
    ]);
  });

  it.each(files.filter((file) => !STILL_LITERAL.includes(file)))('%s shows no literal text', (file) => {
    expect(templateProblems(readFileSync(join(SRC, file), 'utf8'))).toEqual([]);
  });

  it.each(STILL_LITERAL)('%s is still on the list for a reason (delete the entry once it passes)', (file) => {
    expect(files).toContain(file);
    expect(templateProblems(readFileSync(join(SRC, file), 'utf8'))).not.toEqual([]);
  });
});
