#!/usr/bin/env node
// Root `start` script: builds what is missing or stale, then runs the built server.
//   client/dist/index.html missing or older than client sources -> vite build
//   server/dist/main.js missing or older than server/src         -> tsc -p server/tsconfig.build.json
// Then runs server/dist/main.js in this process (PORT, default 4000; HOST, default 0.0.0.0).
// Plain Node ESM, no dependencies: it calls the workspace's own vite and tsc.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = path.join(root, 'client');
const serverDir = path.join(root, 'server');

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
  console.error(`start: cannot find ${pkg} (bin ${bin}). Run \`npx -y pnpm@10.34.9 install\` first.`);
  process.exit(1);
}

function run(label, cwd, script, args) {
  console.log(`start: building ${label}…`);
  const result = spawnSync(process.execPath, [script, ...args], { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: building ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

const clientOut = path.join(clientDir, 'dist', 'index.html');
const clientInputs = [
  path.join(clientDir, 'src'),
  path.join(clientDir, 'index.html'),
  path.join(clientDir, 'vite.config.ts'),
  path.join(clientDir, 'package.json'),
  path.join(root, 'schema'),
];
if (isStale(clientOut, clientInputs)) {
  run('the client', clientDir, findBin(clientDir, 'vite', 'vite'), ['build']);
}

const serverOut = path.join(serverDir, 'dist', 'main.js');
const serverInputs = [
  path.join(serverDir, 'src'),
  path.join(serverDir, 'tsconfig.json'),
  path.join(serverDir, 'tsconfig.build.json'),
  path.join(root, 'tsconfig.json'),
];
if (isStale(serverOut, serverInputs)) {
  run('the server', serverDir, findBin(serverDir, 'typescript', 'tsc'), ['-p', 'tsconfig.build.json']);
}

await import(pathToFileURL(serverOut).href);
