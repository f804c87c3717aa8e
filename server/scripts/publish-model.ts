import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ModelCache } from '../src/catalog/model-cache.js';
import { readConfig } from '../src/config.js';
import { openDatabase } from '../src/db/orm.js';
import { createCatalogService } from '../src/services.js';

/**
 * `pnpm --filter ./server publish-model <file.yaml>...`: publishes product model files to the database
 * the server uses (DATABASE_URL, else the SQLite file). A changed model becomes a new version; the same
 * text again is left as it is; a model with problems is refused with every problem and its place.
 */
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: publish-model <model.yaml> [more.yaml...]');
  process.exit(2);
}
const config = readConfig();
const orm = await openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
let failed = false;
try {
  for (const file of files) {
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
    const result = await createCatalogService(orm.em.fork(), new ModelCache()).publish(
      readFileSync(path, 'utf8'),
    );
    if (!result.ok) {
      failed = true;
      console.error(`${file}: refused, ${result.problems.length} problem(s):`);
      for (const problem of result.problems) console.error(`  ${problem.path}: ${problem.message}`);
    } else {
      const { productCode, version } = result.version;
      for (const warning of result.warnings)
        console.warn(`${file}: warning: ${warning.path}: ${warning.message}`);
      console.log(
        result.created
          ? `${file}: published ${productCode} version ${version}`
          : `${file}: unchanged, ${productCode} stays at version ${version}`,
      );
    }
  }
} finally {
  await orm.close(true);
}
process.exit(failed ? 1 : 0);
