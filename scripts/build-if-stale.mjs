#!/usr/bin/env node
// Builds what is missing or stale (used by `start`, by the end-to-end tests' global setup and by CI):
//   client/dist/index.html missing or older than the client's sources (pages, graphiql.html) or schema/ -> vite build
//   server/dist/main.js missing or older than server/src or its tsconfigs         -> tsc -p server/tsconfig.build.json
// Plain Node ESM, no dependencies: it calls the workspace's own vite and tsc.
// Run directly (`node scripts/build-if-stale.mjs`), it builds and exits 1 when a build fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = path.join(root, 'client');
const serverDir = path.join(root, 'server');

export const CLIENT_OUT = path.join(clientDir, 'dist', 'index.html');
export const SERVER_OUT = path.join(serverDir, 'dist', 'main.js');

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git']);

/** Newest modification time (ms) of the given files and of every file under the given folders. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) if (!SKIP_DIRS.has(entry)) visit(path.join(p, entry));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

function isStale(output, inputs) {
  if (!existsSync(output)) return true;
  return statSync(output).mtimeMs < newestMtime(inputs);
}

/** Finds an installed package's bin script by walking up node_modules folders from `fromDir`. */
function findBin(fromDir, pkg, bin) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', pkg, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8'));
      const rel = typeof json.bin === 'string' ? json.bin : json.bin?.[bin];
      if (rel) return path.join(path.dirname(manifest), rel);
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`cannot find ${pkg} (bin ${bin}). Run \`npx -y pnpm@10.34.9 install\` first.`);
}

const targets = [
  {
    label: 'the client',
    output: CLIENT_OUT,
    inputs: [
      path.join(clientDir, 'src'),
      path.join(clientDir, 'index.html'),
      path.join(clientDir, 'graphiql.html'),
      path.join(clientDir, 'vite.config.ts'),
      path.join(clientDir, 'package.json'),
      path.join(root, 'schema'),
    ],
    cwd: clientDir,
    command: () => [findBin(clientDir, 'vite', 'vite'), 'build'],
  },
  {
    label: 'the server',
    output: SERVER_OUT,
    inputs: [
      path.join(serverDir, 'src'),
      path.join(serverDir, 'package.json'),
      path.join(serverDir, 'tsconfig.json'),
      path.join(serverDir, 'tsconfig.build.json'),
      path.join(root, 'tsconfig.json'),
    ],
    cwd: serverDir,
    command: () => [findBin(serverDir, 'typescript', 'tsc'), '-p', 'tsconfig.build.json'],
  },
];

/**
 * Builds the client and the server when their output is missing or older than their sources.
 * Returns the labels of what it built; throws when a build fails (its output went to `stdio`).
 */
export function buildIfStale({ log = console.log, stdio = 'inherit' } = {}) {
  const built = [];
  for (const target of targets) {
    if (!isStale(target.output, target.inputs)) continue;
    log(`building ${target.label}…`);
    const [script, ...args] = target.command();
    const result = spawnSync(process.execPath, [script, ...args], {
      cwd: target.cwd,
      stdio,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      const output = stdio === 'pipe' ? `\n${result.stdout ?? ''}${result.stderr ?? ''}` : '';
      throw new Error(`building ${target.label} failed (exit ${result.status ?? result.signal})${output}`);
    }
    built.push(target.label);
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const built = buildIfStale({ log: (m) => console.log(`build: ${m}`) });
    console.log(
      built.length === 0
        ? 'build: the client and the server are up to date'
        : `build: built ${built.join(' and ')}`,
    );
  } catch (error) {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
