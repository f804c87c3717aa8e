import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProductModelText, type ProductModel } from '../engine/index.js';

/**
 * The demo product models shipped with the server (server/demo-models/*.yaml): a made-to-measure
 * standing desk, a custom e-bike and a build-to-order workstation PC. They seed a fresh database and
 * serve as worked examples of the model format (see server/demo-models/README.md).
 *
 * The folder is found relative to this module, which is two levels below server/ both as source
 * (server/src/catalog) and when built (server/dist/catalog).
 */
export const DEMO_MODELS_DIR = fileURLToPath(new URL('../../demo-models/', import.meta.url));

export interface DemoModelFile {
  /** The model's file name without `.yaml`, which is also its `code`. */
  code: string;
  /** Absolute path of the file. */
  path: string;
  /** The file's text, as a person wrote it. */
  text: string;
}

/** Every demo model file, in file-name order. */
export function demoModelFiles(directory: string = DEMO_MODELS_DIR): DemoModelFile[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const path = join(directory, name);
      return { code: name.slice(0, -'.yaml'.length), path, text: readFileSync(path, 'utf8') };
    });
}

/**
 * Loads every demo model through the engine. A model that fails to load is a bug in the files that
 * ship with the server: this throws one Error listing every problem of every failing file, each with
 * its file and place, so one reading fixes them all.
 */
export function loadDemoModels(directory: string = DEMO_MODELS_DIR): ProductModel[] {
  const models: ProductModel[] = [];
  const problems: string[] = [];
  for (const file of demoModelFiles(directory)) {
    const result = loadProductModelText(file.text);
    if (!result.ok) {
      for (const problem of result.problems)
        problems.push(`${file.code}.yaml: ${problem.path}: ${problem.message}`);
    } else if (result.model.code !== file.code) {
      problems.push(
        `${file.code}.yaml: code: the model's code '${result.model.code}' differs from its file name`,
      );
    } else models.push(result.model);
  }
  if (problems.length > 0) {
    throw new Error(
      `Demo product models failed to load (${problems.length} problem(s)):\n${problems.join('\n')}`,
    );
  }
  return models;
}
