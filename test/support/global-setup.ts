// Runs once before the end-to-end tests: builds the client and the server when stale, so that every
// test file can spawn the BUILT server (node server/dist/main.js) without building it itself.
import { buildIfStale } from '../../scripts/build-if-stale.mjs';

export default function setup(): void {
  const built = buildIfStale({ log: (message) => console.log(`e2e setup: ${message}`), stdio: 'pipe' });
  if (built.length > 0) console.log(`e2e setup: built ${built.join(' and ')}`);
}
