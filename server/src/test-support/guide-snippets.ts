import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const guide = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));

/** The TypeScript block after `<!-- example-ts: <name> -->` in docs/api.md, exactly as a partner copies it. */
export function guideSnippet(name: string): string {
  const marker = `<!-- example-ts: ${name} -->`;
  const text = readFileSync(guide, 'utf8');
  const at = text.indexOf(marker);
  const block = at >= 0 ? /```ts\n([\s\S]*?)```/.exec(text.slice(at)) : null;
  if (!block) throw new Error(`No TypeScript block after "${marker}" in docs/api.md`);
  return block[1]!;
}

/** A guide snippet running as its own node process; `output()` is what it printed so far (stdout and stderr). */
export interface RunningSnippet {
  process: ChildProcess;
  output(): string;
}

/**
 * Runs a snippet as a partner would: its own file beside a link to server/node_modules (so its imports resolve
 * as in a partner's project, and outside node_modules, which the TypeScript loader does not compile).
 */
export function runSnippet(code: string, env: Record<string, string>): RunningSnippet {
  const directory = mkdtempSync(join(tmpdir(), 'api-guide-'));
  symlinkSync(join(serverDir, 'node_modules'), join(directory, 'node_modules'));
  const file = join(directory, 'snippet.ts');
  writeFileSync(file, code);
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', file], {
    cwd: serverDir,
    env: { ...process.env, ...env },
  });
  let printed = '';
  const collect = (chunk: Buffer) => {
    printed += chunk.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return { process: child, output: () => printed };
}
