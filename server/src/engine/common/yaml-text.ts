import { parseDocument } from 'yaml';

/** A syntax problem of a YAML (or JSON) text, placed by line and column. */
export interface YamlProblem {
  /** `line 3, column 5`, or `(file)` when the parser gives no place. */
  place: string;
  message: string;
}

/**
 * The data of a YAML (or JSON) file a person wrote, or its syntax problems, each placed by line and
 * column (a key written twice is one). The model and price list loaders check the data afterwards.
 */
export function yamlData(text: string): { ok: true; data: unknown } | { ok: false; problems: YamlProblem[] } {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length === 0) return { ok: true, data: document.toJS() };
  return {
    ok: false,
    problems: document.errors.map((error) => {
      const place = error.linePos?.[0];
      return {
        place: place ? `line ${place.line}, column ${place.col}` : '(file)',
        message: error.message.split('\n')[0]!,
      };
    }),
  };
}
