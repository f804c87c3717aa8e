// The engine's boundary, as a check rather than a good intention (see /README.md and DESIGN.md):
//  (a) a non-test file under server/src/engine imports only relative paths inside the engine and the
//      packages in ENGINE_ALLOWED_PACKAGES (no node:*, fs, path, http, ORM, GraphQL, ...);
//  (b) a file in server/ outside the engine (server/bench included) imports the engine only through
//      its index (`.../engine`, `.../engine/index.js`).
// Used by scripts/check-engine-boundary.mjs (root `lint`) and test/architecture.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ENGINE_DIR = 'server/src/engine';
export const SERVER_DIR = 'server';
export const ENGINE_ALLOWED_PACKAGES = ['decimal.js', 'yaml', 'zod', 'fast-xml-parser', 'lru-cache'];

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'results', 'coverage']);
const ENGINE_INDEX_NAMES = new Set(['', 'index', 'index.js', 'index.ts', 'index.mjs', 'index.mts']);

/** Test files and their support code may use Node (e.g. to read demo model files). */
export function isTestFile(relPath) {
  return (
    /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(relPath) ||
    /(?:^|\/)(?:test-support|__tests__|__fixtures__)\//.test(relPath)
  );
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

function isInside(relPath, dir) {
  return relPath === dir || relPath.startsWith(`${dir}/`);
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function lineOf(source, pos) {
  let line = 1;
  for (let i = 0; i < pos && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Every module specifier a file imports: static, type-only, re-exports, dynamic import(), require(). */
export function importsOf(source) {
  const info = ts.preProcessFile(source, true, true);
  return [...info.importedFiles, ...info.typeReferenceDirectives].map((ref) => ({
    specifier: ref.fileName,
    line: lineOf(source, ref.pos),
  }));
}

/**
 * The boundary violations of one file.
 * @param {string} relPath path relative to the repository root, with forward slashes
 * @param {string} source the file's text
 */
export function checkSource(relPath, source) {
  const file = toPosix(relPath);
  if (!isInside(file, SERVER_DIR)) return [];
  const inEngine = isInside(file, ENGINE_DIR);
  if (inEngine && isTestFile(file)) return [];
  const violations = [];
  for (const { specifier, line } of importsOf(source)) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    const target = relative ? path.posix.join(path.posix.dirname(file), specifier) : null;
    if (inEngine) {
      if (relative) {
        if (!isInside(target, ENGINE_DIR)) {
          violations.push({
            file,
            line,
            specifier,
            message: `the engine imports "${specifier}" from outside ${ENGINE_DIR}; the engine is pure and self-contained`,
          });
        }
      } else if (!ENGINE_ALLOWED_PACKAGES.includes(packageName(specifier))) {
        violations.push({
          file,
          line,
          specifier,
          message: `the engine imports "${specifier}"; it may import only ${ENGINE_ALLOWED_PACKAGES.join(', ')} (no Node built-ins, I/O, ORM or GraphQL)`,
        });
      }
    } else if (relative && isInside(target, ENGINE_DIR)) {
      const rest = target.slice(ENGINE_DIR.length).replace(/^\//, '');
      if (!ENGINE_INDEX_NAMES.has(rest)) {
        violations.push({
          file,
          line,
          specifier,
          message: `imports the engine's internals ("${specifier}"); import from the engine's index (.../engine/index.js) instead`,
        });
      }
    }
  }
  return violations;
}

function listSourceFiles(absDir) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(absDir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const abs = path.join(absDir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...listSourceFiles(abs));
    } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(abs);
    }
  }
  return out;
}

/**
 * Checks every source file under server/ of the repository at `rootDir`.
 * @param {string} rootDir the repository root
 */
export function findEngineBoundaryViolations(rootDir) {
  const violations = [];
  for (const abs of listSourceFiles(path.join(rootDir, SERVER_DIR))) {
    const rel = toPosix(path.relative(rootDir, abs));
    violations.push(...checkSource(rel, readFileSync(abs, 'utf8')));
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function formatViolation(v) {
  return `${v.file}:${v.line}: ${v.message}`;
}
