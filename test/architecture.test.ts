// The architecture rules (.dependency-cruiser.cjs, run by `pnpm lint`) hold in this repository, and they
// really fail on what they forbid: each forbidden import is planted in a small tree of its own and the same
// command `pnpm lint:architecture` runs is run there.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<
  string,
  string
>;

interface LintResult {
  code: number;
  output: string;
}

/** Runs the `lint:architecture` script of package.json in `dir`, with this repository's dependency-cruiser. */
async function lintArchitecture(dir: string): Promise<LintResult> {
  const env = {
    ...process.env,
    PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
  };
  try {
    const { stdout, stderr } = await run('sh', ['-c', scripts['lint:architecture']!], { cwd: dir, env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const trees: string[] = [];
afterEach(() => {
  for (const dir of trees.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small repository tree: the rules and tsconfigs of this one, a clean engine and modules, plus `files`. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mto-architecture-'));
  trees.push(dir);
  const base: Record<string, string> = {
    'server/src/engine/index.ts': "export { total } from './pricing/total.js';\n",
    'server/src/engine/pricing/total.ts':
      "import Decimal from 'decimal.js';\nexport const total = (a: string, b: string) => new Decimal(a).plus(b).toString();\n",
    'server/src/engine/pricing/total.test.ts':
      "import { readFileSync } from 'node:fs';\nexport const text = readFileSync;\n",
    // Modules in their order (.dependency-cruiser.cjs): parts may use orders.
    'server/src/orders/order.service.ts':
      "import { total } from '../engine/index.js';\nexport const place = total;\n",
    'server/src/parts/stock.service.ts':
      "import { place } from '../orders/order.service.js';\nexport const onHand = place;\n",
    'scripts/tool.mjs': 'export const tool = 1;\n',
    'test/a.test.ts': 'export const a = 1;\n',
    'client/src/main.ts': 'export const app = 1;\n',
    'server/bench/run.ts': "import { total } from '../src/engine/index.js';\nexport const bench = total;\n",
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  copyFileSync(path.join(root, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  copyFileSync(path.join(root, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  copyFileSync(path.join(root, 'server', 'tsconfig.json'), path.join(dir, 'server', 'tsconfig.json'));
  // The engine's packages (decimal.js...) resolve as in the repository.
  symlinkSync(path.join(root, 'server', 'node_modules'), path.join(dir, 'server', 'node_modules'), 'dir');
  return dir;
}

describe('the architecture rules (pnpm lint)', () => {
  it('hold in this repository', async () => {
    const result = await lintArchitecture(root);
    expect(result.output).not.toMatch(/error /);
    expect(result.code, result.output).toBe(0);
  });

  it('pass a clean tree (so the failures below come from what is planted)', async () => {
    const result = await lintArchitecture(tree({}));
    expect(result.code, result.output).toBe(0);
  });

  it('fail on an engine file that imports a Node built-in, naming the file and the rule', async () => {
    const result = await lintArchitecture(
      tree({
        'server/src/engine/pricing/load.ts':
          "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/engine-is-pure: server\/src\/engine\/pricing\/load\.ts → (node:)?fs/);
  });

  it('fail on an engine file that imports the server (ORM, GraphQL or a module)', async () => {
    const result = await lintArchitecture(
      tree({
        'server/src/engine/pricing/leak.ts':
          "import { onHand } from '../../parts/stock.service.js';\nexport const leak = onHand;\n",
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /engine-is-pure: server\/src\/engine\/pricing\/leak\.ts → server\/src\/parts\/stock\.service\.ts/,
    );
  });

  it('fail on server code that reaches past the engine index', async () => {
    const result = await lintArchitecture(
      tree({
        'server/src/parts/price.ts':
          "import { total } from '../engine/pricing/total.js';\nexport const price = total;\n",
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /engine-through-its-index: server\/src\/parts\/price\.ts → server\/src\/engine\/pricing\/total\.ts/,
    );
  });

  it('fail on an import cycle between two files', async () => {
    const result = await lintArchitecture(
      tree({
        'server/src/orders/order-number.ts':
          "import { next } from './order-sequence.js';\nexport const number = next;\n",
        'server/src/orders/order-sequence.ts':
          "import { number } from './order-number.js';\nexport const next = () => number;\n",
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/no-circular: server\/src\/orders\/order-(number|sequence)\.ts/);
  });

  it('fail on two modules that import each other (a cycle between folders)', async () => {
    const result = await lintArchitecture(
      tree({
        'server/src/orders/reserve.ts':
          "import { onHand } from '../parts/stock.service.js';\nexport const reserve = onHand;\n",
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(
      /module-order-orders: server\/src\/orders\/reserve\.ts → server\/src\/parts\/stock\.service\.ts/,
    );
  });
});

describe('the engine evaluates expressions itself', () => {
  it('no engine source file (tests aside) uses eval( or new Function', () => {
    const engineDir = path.join(root, 'server', 'src', 'engine');
    const files = (readdirSync(engineDir, { recursive: true }) as string[])
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /\.[cm]?[jt]s$/.test(file))
      .filter((file) => !/\.test\.ts$|(^|\/)test-support\//.test(file));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) => {
      // Comments may name them (to say they are not used): blank comments out, keeping line numbers.
      const source = readFileSync(path.join(engineDir, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
        .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      return source
        .split('\n')
        .flatMap((line, index) =>
          /\beval\s*\(|\bnew\s+Function\b/.test(line)
            ? [`server/src/engine/${file}:${index + 1}: ${line.trim()}`]
            : [],
        );
    });
    expect(offenders).toEqual([]);
  });
});
