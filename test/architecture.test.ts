import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkSource,
  findEngineBoundaryViolations,
  formatViolation,
  isTestFile,
} from '../scripts/engine-boundary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the engine boundary', () => {
  it('holds in this repository (the same check as `lint`)', () => {
    const violations = findEngineBoundaryViolations(root).map(formatViolation);
    expect(violations).toEqual([]);
  });
});

describe('the engine evaluates expressions itself', () => {
  it('no engine source file (tests aside) uses eval( or new Function', () => {
    const engineDir = path.join(root, 'server', 'src', 'engine');
    const files = (readdirSync(engineDir, { recursive: true }) as string[])
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /\.[cm]?[jt]s$/.test(file))
      .filter((file) => !isTestFile(`server/src/engine/${file}`));
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

describe('the boundary check itself', () => {
  it('reports an engine file that imports a Node built-in, with its line', () => {
    const source = "import { z } from 'zod';\nimport { readFileSync } from 'node:fs';\n";
    const violations = checkSource('server/src/engine/rules/load.ts', source);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({
      file: 'server/src/engine/rules/load.ts',
      line: 2,
      specifier: 'node:fs',
    });
    expect(formatViolation(violations[0]!)).toMatch(/^server\/src\/engine\/rules\/load\.ts:2: /);
  });

  it('reports every forbidden kind of import in the engine', () => {
    const source = [
      "import fs from 'fs';",
      "import type { EntityManager } from '@mikro-orm/core';",
      "export { GraphQLSchema } from 'graphql';",
      "const t = await import('type-graphql');",
      "import { ApolloServer } from '@apollo/server';",
      "import { helper } from '../../http/static-server.js';",
      "const p = require('path');",
    ].join('\n');
    const found = checkSource('server/src/engine/price/price.ts', source).map((v) => v.specifier);
    expect(found).toEqual([
      'fs',
      '@mikro-orm/core',
      'graphql',
      'type-graphql',
      '@apollo/server',
      '../../http/static-server.js',
      'path',
    ]);
  });

  it('allows the engine its own files and its five packages, and ignores comments and strings', () => {
    const source = [
      "import Decimal from 'decimal.js';",
      "import { parse } from 'yaml';",
      "import { z } from 'zod/v4';",
      "import { XMLParser } from 'fast-xml-parser';",
      "import { LRUCache } from 'lru-cache';",
      "import type { Feature } from '../model/product-model.js';",
      "export * from './evaluate.js';",
      "// import fs from 'node:fs';",
      'const s = "import http from \'node:http\'";',
    ].join('\n');
    expect(checkSource('server/src/engine/expression/index.ts', source)).toEqual([]);
  });

  it('lets engine tests use Node', () => {
    const source = "import { readFileSync } from 'node:fs';";
    expect(checkSource('server/src/engine/model/load.test.ts', source)).toEqual([]);
    expect(checkSource('server/src/engine/test-support/files.ts', source)).toEqual([]);
  });

  it('reports server code that reaches into the engine past its index', () => {
    const source = [
      "import { configure } from '../engine/index.js';",
      "import { price } from '../engine';",
      "import { evaluate } from '../engine/expression/evaluate.js';",
    ].join('\n');
    const violations = checkSource('server/src/configurations/configuration.service.ts', source);
    expect(violations.map((v) => [v.line, v.specifier])).toEqual([[3, '../engine/expression/evaluate.js']]);
    const bench = checkSource('server/bench/run.ts', "import { x } from '../src/engine/pricing/price.js';");
    expect(bench).toHaveLength(1);
  });
});
