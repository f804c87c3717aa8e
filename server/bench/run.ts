import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_XCSP, type ModelFigures, runEngineBench, type Timing } from './engine.bench.js';

/** `pnpm bench <name> [args]`: runs a benchmark, prints its figures and writes bench/results/<name>.json. */
const [name = 'engine', ...args] = process.argv.slice(2);
const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), 'results');

const show = (t: Timing | null): string => (t ? `${t.medianMs.toFixed(3)} / ${t.p99Ms.toFixed(3)}` : '-');

function printTable(rows: ModelFigures[]): void {
  console.log(
    'model                 compile ms   check p50/p99 ms   propagate p50/p99   autocomplete p50/p99   price p50/p99   explode p50/p99',
  );
  for (const r of rows) {
    console.log(
      [
        r.model.padEnd(20),
        String(r.compileMs).padStart(10),
        show(r.check).padStart(18),
        show(r.propagate).padStart(19),
        show(r.autocomplete).padStart(22),
        show(r.price).padStart(15),
        show(r.explode).padStart(17),
      ].join('  '),
    );
  }
}

if (name === 'engine') {
  const xcsp = args[0] ? resolve(process.cwd(), args[0]) : DEFAULT_XCSP;
  const result = runEngineBench(xcsp);
  printTable([...result.demoModels, result.xcsp]);
  console.log(
    `${result.xcsp.file}: import ${result.xcsp.importMs} ms, sold cars replayed ${result.xcsp.soldCarsReplayed}, rejected ${result.xcsp.soldCarsRejected}, heap ${result.xcsp.heapMB} MB`,
  );
  mkdirSync(resultsDir, { recursive: true });
  const file = resolve(resultsDir, 'engine.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to ${file}`);
} else {
  console.error(`unknown benchmark '${name}' (known: engine)`);
  process.exit(2);
}
