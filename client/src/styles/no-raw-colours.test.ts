// Colour comes only from the design tokens (styles/tokens.css): a raw hex colour in any other CSS file of
// the client is a token that is missing (and a colour that a dark theme or a change of brand would miss).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** client/src */
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every CSS file of the client (read from disk: the test runner blanks CSS imports), path -> text. */
const CSS_FILES: Record<string, string> = Object.fromEntries(
  readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.css'))
    .map((file) => [file.split(path.sep).join('/'), readFileSync(path.join(SRC, file), 'utf8')]),
);

/**
 * Files (paths under client/src) owned elsewhere that still have raw colours, allowed for now (each one a debt to pay by moving its
 * colours to tokens). Empty: every file is clean; the test fails as soon as one gets a raw colour.
 */
const ALLOWED_FOR_NOW: readonly string[] = [];

/** "#fff", "#1f4fb8", "#1f4fb8cc": a hex colour (not an id selector: those are followed by letters or `{`). */
const HEX_COLOUR = /#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b(?![\w-]*\s*[{,])/g;

/** The raw colours of a stylesheet (comments left out), as "line: colour". */
export function rawColours(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const found: string[] = [];
  withoutComments.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(HEX_COLOUR)) found.push(`${index + 1}: ${match[0]}`);
  });
  return found;
}

describe('colours come from the tokens', () => {
  it('finds raw hex colours (the check itself can fail)', () => {
    expect(rawColours('.a { color: #fff; }\n.b { border: 1px solid #1F4FB8; }')).toEqual([
      '1: #fff',
      '2: #1F4FB8',
    ]);
    expect(rawColours('.a { color: var(--color-text); } /* #fff in a comment */')).toEqual([]);
    expect(rawColours('#content { margin: 0; }')).toEqual([]);
  });

  it('sees the stylesheets of the client', () => {
    expect(Object.keys(CSS_FILES)).toContain('style.css');
    expect(Object.keys(CSS_FILES)).toContain('components/configurator/configurator.css');
    expect(CSS_FILES['style.css']?.length).toBeGreaterThan(1000);
  });

  it('no CSS file but tokens.css has a raw hex colour', () => {
    const offenders = Object.entries(CSS_FILES)
      .filter(([file]) => file !== 'styles/tokens.css' && !ALLOWED_FOR_NOW.includes(file))
      .map(([file, css]) => ({ file, colours: rawColours(css) }))
      .filter(({ colours }) => colours.length > 0);
    expect(offenders).toEqual([]);
  });

  it('tokens.css is where the colours are', () => {
    const tokens = Object.entries(CSS_FILES).find(([file]) => file === 'styles/tokens.css');
    expect(tokens).toBeDefined();
    expect(rawColours(tokens?.[1] ?? '').length).toBeGreaterThan(10);
  });
});
