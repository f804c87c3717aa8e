import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The named operations shared by the client and the tests (schema/operations). */
export const OPERATIONS_DIR = fileURLToPath(new URL('../../../schema/operations/', import.meta.url));

/** Every fragment definition in the folder, by name, with its text. */
function fragmentDefinitions(): Map<string, string> {
  const fragments = new Map<string, string>();
  for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql'))) {
    const text = readFileSync(join(OPERATIONS_DIR, file), 'utf8');
    for (const match of text.matchAll(/^fragment (\w+) on \w+ \{/gm)) {
      let depth = 0;
      let end = match.index;
      for (let i = text.indexOf('{', match.index); i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) {
          end = i + 1;
          break;
        }
      }
      fragments.set(match[1]!, text.slice(match.index, end));
    }
  }
  return fragments;
}

/**
 * A named operation from schema/operations, with the fragments it uses (from any file of the folder,
 * transitively) appended once: a document a server accepts as it is.
 */
export function operation(file: string): string {
  const text = readFileSync(
    join(OPERATIONS_DIR, file.endsWith('.graphql') ? file : `${file}.graphql`),
    'utf8',
  );
  const fragments = fragmentDefinitions();
  const defined = new Set([...text.matchAll(/^fragment (\w+) on/gm)].map((m) => m[1]!));
  const appended: string[] = [];
  const pending = [...text.matchAll(/\.\.\.(\w+)/g)].map((m) => m[1]!);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (defined.has(name)) continue;
    const definition = fragments.get(name);
    if (!definition) throw new Error(`${file}: fragment ${name} is not defined in ${OPERATIONS_DIR}`);
    defined.add(name);
    appended.push(definition);
    for (const m of definition.matchAll(/\.\.\.(\w+)/g)) pending.push(m[1]!);
  }
  return [text, ...appended].join('\n\n');
}
