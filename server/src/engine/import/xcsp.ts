import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type {
  FeatureSource,
  GroupSource,
  ProductModelSource,
  TableRuleSource,
} from '../model/model.types.js';
import type { ModelProblem } from '../model/product-model.js';

/**
 * Imports a table (extensional) constraint model written in XCSP 2.1 into a product model source:
 * every variable becomes a required single-choice feature, every constraint a table rule listing the
 * allowed combinations of its scope. Relations with semantics="conflicts" (forbidden tuples) are
 * turned into the allowed rows by enumerating the complement. Intensional constraints (predicates),
 * global constraints and soft relations are reported as problems, never silently dropped.
 */

export interface XcspImportOptions {
  /** Model code; default: the instance's name attribute. */
  code?: string;
  /** Model name; default: "<instance name> (XCSP import)". */
  name?: string;
  /** ISO 4217 currency; default EUR. */
  currency?: string;
  /**
   * The variables a customer chooses (e.g. a sales history's header): only these go to the group
   * 'choices', every other variable to 'range'. Without it, names ending in _Serie, _Option, _Pack or
   * _OptionPack go to 'range' and the others to 'choices'.
   */
  choiceFeatures?: readonly string[];
}

export interface XcspImportStats {
  domains: number;
  variables: number;
  relations: number;
  constraints: number;
  /** Features in the group 'choices' and in the group 'range'. */
  choiceFeatures: number;
  rangeFeatures: number;
  /** Constraints whose relation lists allowed tuples, and forbidden tuples. */
  supportsConstraints: number;
  conflictsConstraints: number;
  /** Table rows over all rules, and how many of them were enumerated as the complement of forbidden tuples. */
  rows: number;
  complementRows: number;
  /** Listed tuples that can never apply: a value outside a scope variable's domain. */
  tuplesOutsideDomains: number;
  /** Tuples listed more than once in the same relation (kept once). */
  duplicateTuples: number;
}

export type XcspImportResult =
  | { ok: true; source: ProductModelSource; stats: XcspImportStats }
  | { ok: false; problems: ModelProblem[] };

/** A conflicts relation is enumerated into allowed rows only while its scope's domain product stays within this. */
export const XCSP_MAX_COMPLEMENT_COMBINATIONS = 1_000_000;
/** Values in one domain (each becomes an option). */
export const XCSP_MAX_DOMAIN_VALUES = 100_000;

const FEATURE_CODE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RANGE_SUFFIX = /_(?:Serie|Option|Pack|OptionPack)$/;
const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d{0,14})$/;
const INTEGER = /^[+-]?\d+$/;
const RANGE = /^([+-]?\d+)\.\.([+-]?\d+)$/;
const NOT_FITTED = 'not fitted';
/** Problems of one kind listed per element before they are summarised. */
const DETAIL_LIMIT = 5;

const ARRAY_PATHS = new Set([
  'instance.presentation',
  'instance.domains',
  'instance.domains.domain',
  'instance.variables',
  'instance.variables.variable',
  'instance.relations',
  'instance.relations.relation',
  'instance.predicates',
  'instance.predicates.predicate',
  'instance.functions',
  'instance.functions.function',
  'instance.constraints',
  'instance.constraints.constraint',
]);

type XmlNode = string | Record<string, unknown>;

interface Domain {
  name: string;
  /** Option codes, ascending by value. */
  codes: string[];
  /** Option code -> its position in codes. */
  index: Map<string, number>;
  /** The value that means "not fitted" (optional="-1"), if any. */
  optional: string | undefined;
}

interface Variable {
  name: string;
  domain: Domain;
}

interface ConstraintsState {
  rules: TableRuleSource[];
  names: Set<string>;
  /** Constraints that reference a predicate, and global constraints: reported together. */
  intensional: string[];
  global: string[];
}

interface Relation {
  name: string;
  semantics: 'supports' | 'conflicts';
  arity: number;
  tuples: string[][];
}

/** Parses XCSP 2.1 text into a product model source. Every problem is reported at once. */
export function importXcsp(xmlText: string, options: XcspImportOptions = {}): XcspImportResult {
  const valid = XMLValidator.validate(xmlText);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const place =
      line === undefined ? '(document)' : `line ${line}${col === undefined ? '' : `, column ${col}`}`;
    return { ok: false, problems: [{ path: place, message: `not well-formed XML: ${msg}` }] };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (_name, jPath) => ARRAY_PATHS.has(String(jPath)),
  });
  const document = parser.parse(xmlText) as Record<string, unknown>;
  return new XcspImporter(options).run(document);
}

class XcspImporter {
  private readonly problems: ModelProblem[] = [];
  private readonly domains = new Map<string, Domain>();
  private readonly variables = new Map<string, Variable>();
  private readonly relations = new Map<string, Relation>();
  private readonly predicates = new Set<string>();
  private readonly stats: XcspImportStats = {
    domains: 0,
    variables: 0,
    relations: 0,
    constraints: 0,
    choiceFeatures: 0,
    rangeFeatures: 0,
    supportsConstraints: 0,
    conflictsConstraints: 0,
    rows: 0,
    complementRows: 0,
    tuplesOutsideDomains: 0,
    duplicateTuples: 0,
  };

  constructor(private readonly options: XcspImportOptions) {}

  private problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  run(document: Record<string, unknown>): XcspImportResult {
    const instance = document.instance;
    if (!instance || typeof instance !== 'object' || Array.isArray(instance)) {
      const root = Object.keys(document).find((key) => !key.startsWith('?') && key !== '#text');
      return {
        ok: false,
        problems: [
          {
            path: '(document)',
            message: `not an XCSP 2.1 instance: the root element must be <instance>${root ? `, not <${root}>` : ''}`,
          },
        ],
      };
    }
    const root = instance as Record<string, unknown>;
    if (typeof root.format === 'string' && /XCSP\s*3/i.test(root.format)) {
      return {
        ok: false,
        problems: [
          { path: 'instance', message: `${root.format} is not supported; this importer reads XCSP 2.1` },
        ],
      };
    }
    const presentation = attributes(children(root, 'presentation')[0]);
    const instanceName = presentation.name && presentation.name !== '?' ? presentation.name : undefined;

    this.readDomains(root);
    this.readVariables(root);
    this.readRelations(root);
    this.readPredicates(root);
    const groupOf = this.grouping();
    const rules = this.readConstraints(root);
    if (this.problems.length > 0) return { ok: false, problems: this.problems };

    const features: FeatureSource[] = [];
    for (const variable of this.variables.values()) {
      const group = groupOf(variable.name);
      if (group === 'choices') this.stats.choiceFeatures++;
      else this.stats.rangeFeatures++;
      const { optional } = variable.domain;
      features.push({
        code: variable.name,
        label: variable.name,
        kind: 'single',
        group,
        options: variable.domain.codes.map((code) => ({
          code,
          label: code === optional ? NOT_FITTED : code,
        })),
      });
    }
    const groups: GroupSource[] = [];
    if (this.stats.choiceFeatures > 0) groups.push({ code: 'choices', label: 'Choices' });
    if (this.stats.rangeFeatures > 0) groups.push({ code: 'range', label: 'Range (derived)' });

    const source: ProductModelSource = {
      code: this.options.code ?? (instanceName ? toCode(instanceName) : 'xcsp-import'),
      name: this.options.name ?? (instanceName ? `${instanceName} (XCSP import)` : 'XCSP import'),
      description:
        `Imported from the XCSP 2.1 instance${instanceName ? ` '${instanceName}'` : ''}: ` +
        `${this.stats.variables} variables, ${this.stats.constraints} table constraints.`,
      currency: this.options.currency ?? 'EUR',
      groups,
      features,
      rules,
    };
    return { ok: true, source, stats: this.stats };
  }

  /** Checks a container's count attribute (nbDomains, nbValues, nbTuples...) against what it holds. */
  private checkCount(
    path: string,
    attribute: string,
    declared: string | undefined,
    actual: number,
    what: string,
  ): void {
    if (declared === undefined) return;
    const trimmed = declared.trim();
    if (!/^\d+$/.test(trimmed)) {
      this.problem(`${path}.${attribute}`, `'${declared}' is not a whole number`);
    } else if (Number(trimmed) !== actual) {
      this.problem(
        `${path}.${attribute}`,
        `says ${trimmed} ${what} but ${actual} ${actual === 1 ? 'is' : 'are'} listed`,
      );
    }
  }

  private elements(
    root: Record<string, unknown>,
    container: string,
    child: string,
    countAttribute: string,
  ): XmlNode[] {
    const all: XmlNode[] = [];
    for (const node of children(root, container)) {
      const items = typeof node === 'object' ? children(node, child) : [];
      this.checkCount(
        container,
        countAttribute,
        attributes(node)[countAttribute],
        items.length,
        `<${child}> elements`,
      );
      all.push(...items);
    }
    return all;
  }

  private readDomains(root: Record<string, unknown>): void {
    for (const [index, node] of this.elements(root, 'domains', 'domain', 'nbDomains').entries())
      this.readDomain(node, index);
  }

  private readDomain(node: XmlNode, index: number): void {
    const attrs = attributes(node);
    const path = `domain[${index}]${attrs.name ? ` (${attrs.name})` : ''}`;
    if (!attrs.name) {
      this.problem(path, 'a domain needs a name attribute');
      return;
    }
    if (this.domains.has(attrs.name)) {
      this.problem(path, `duplicate domain name '${attrs.name}'`);
      return;
    }
    this.stats.domains++;
    const values = this.domainValues(text(node), path) ?? [];
    this.checkCount(path, 'nbValues', attrs.nbValues, values.length, 'values');
    if (values.length === 0 && text(node).trim() === '')
      this.problem(path, 'a domain needs at least one value');
    let optional: string | undefined;
    if (attrs.optional !== undefined) {
      optional = canonicalInteger(attrs.optional.trim());
      if (optional === undefined) this.problem(`${path}.optional`, `'${attrs.optional}' is not an integer`);
    }
    const codes = values.map(String);
    this.domains.set(attrs.name, {
      name: attrs.name,
      codes,
      index: new Map(codes.map((code, i) => [code, i])),
      optional,
    });
  }

  /** The values of a domain written as integers and ranges a..b, in any mix; ascending, each once. */
  private domainValues(content: string, path: string): number[] | undefined {
    const tokens = content
      .replace(/\s*\.\.\s*/g, '..')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    const pieces: [number, number][] = [];
    let total = 0;
    for (const token of tokens) {
      const range = RANGE.exec(token);
      const low = range ? Number(range[1]) : INTEGER.test(token) ? Number(token) : Number.NaN;
      const high = range ? Number(range[2]) : low;
      if (Number.isNaN(low)) {
        this.problem(path, `'${token}' is neither an integer nor a range such as 0..8`);
      } else if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
        this.problem(path, `'${token}' is too large an integer`);
      } else if (low > high) {
        this.problem(path, `the range ${token} is empty (${low} is above ${high})`);
      } else {
        total += high - low + 1;
        pieces.push([low, high]);
      }
    }
    if (total > XCSP_MAX_DOMAIN_VALUES) {
      this.problem(path, `has ${total} values; at most ${XCSP_MAX_DOMAIN_VALUES} can become options`);
      return undefined;
    }
    const values: number[] = [];
    for (const [low, high] of pieces) for (let value = low; value <= high; value++) values.push(value);
    values.sort((a, b) => a - b);
    const repeated: number[] = [];
    let write = 0;
    for (let read = 0; read < values.length; read++) {
      if (read > 0 && values[read] === values[read - 1]) {
        if (repeated[repeated.length - 1] !== values[read]) repeated.push(values[read]!);
      } else values[write++] = values[read]!;
    }
    values.length = write;
    if (repeated.length > 0) {
      this.problem(
        path,
        `${listNames(repeated.map(String))} ${repeated.length === 1 ? 'is' : 'are'} listed more than once`,
      );
    }
    return values;
  }

  private readVariables(root: Record<string, unknown>): void {
    for (const [index, node] of this.elements(root, 'variables', 'variable', 'nbVariables').entries())
      this.readVariable(node, index);
  }

  private readVariable(node: XmlNode, index: number): void {
    const attrs = attributes(node);
    const path = `variable[${index}]${attrs.name ? ` (${attrs.name})` : ''}`;
    if (!attrs.name) {
      this.problem(path, 'a variable needs a name attribute');
      return;
    }
    if (!FEATURE_CODE.test(attrs.name)) {
      this.problem(
        path,
        `variable name '${attrs.name}' cannot be a feature code: letters, digits and _ only, not starting with a digit`,
      );
    }
    if (this.variables.has(attrs.name)) {
      this.problem(path, `duplicate variable name '${attrs.name}'`);
      return;
    }
    this.stats.variables++;
    if (!attrs.domain) {
      this.problem(path, 'a variable needs a domain attribute');
      return;
    }
    const domain = this.domains.get(attrs.domain);
    if (!domain) {
      this.problem(`${path}.domain`, `unknown domain '${attrs.domain}'`);
      return;
    }
    this.variables.set(attrs.name, { name: attrs.name, domain });
  }

  private readRelations(root: Record<string, unknown>): void {
    for (const [index, node] of this.elements(root, 'relations', 'relation', 'nbRelations').entries())
      this.readRelation(node, index);
  }

  private readRelation(node: XmlNode, index: number): void {
    const attrs = attributes(node);
    const path = `relation[${index}]${attrs.name ? ` (${attrs.name})` : ''}`;
    if (!attrs.name) {
      this.problem(path, 'a relation needs a name attribute');
      return;
    }
    if (this.relations.has(attrs.name)) {
      this.problem(path, `duplicate relation name '${attrs.name}'`);
      return;
    }
    this.stats.relations++;
    const semantics = attrs.semantics?.trim();
    if (semantics === 'soft') {
      this.problem(
        `${path}.semantics`,
        'soft relations (weighted CSP, costs) are not supported; only supports and conflicts',
      );
      return;
    }
    if (semantics !== 'supports' && semantics !== 'conflicts') {
      this.problem(
        `${path}.semantics`,
        semantics === undefined
          ? 'a relation needs semantics="supports" (allowed tuples) or semantics="conflicts" (forbidden tuples)'
          : `unknown semantics '${semantics}'; expected supports or conflicts`,
      );
      return;
    }
    const tuples = this.tuples(text(node), path);
    let arity: number | undefined;
    if (attrs.arity !== undefined) {
      if (!/^\s*[1-9]\d*\s*$/.test(attrs.arity))
        this.problem(`${path}.arity`, `'${attrs.arity}' is not a positive whole number`);
      else arity = Number(attrs.arity);
    }
    arity ??= tuples[0]?.length;
    if (arity !== undefined) {
      // Empty tuples were reported as stray '|'.
      const wrong: number[] = [];
      tuples.forEach((tuple, t) => {
        if (tuple.length !== arity && tuple.length > 0) wrong.push(t);
      });
      for (const t of wrong.slice(0, DETAIL_LIMIT)) {
        this.problem(
          `${path}.tuple[${t}]`,
          `has ${tuples[t]!.length} values but the relation's arity is ${arity}`,
        );
      }
      if (wrong.length > DETAIL_LIMIT) {
        this.problem(path, `${wrong.length - DETAIL_LIMIT} more tuples do not have ${arity} values`);
      }
    }
    this.checkCount(path, 'nbTuples', attrs.nbTuples, tuples.length, 'tuples');
    if (arity === undefined) {
      this.problem(path, 'a relation needs an arity attribute (it lists no tuple to infer it from)');
      return;
    }
    // Tuples of the wrong length are reported above; leaving them out keeps the rest checkable.
    const complete = tuples.filter((tuple) => tuple.length === arity);
    this.relations.set(attrs.name, { name: attrs.name, semantics, arity, tuples: complete });
  }

  /** Tuples separated by |, values by white space; each value an integer, kept as its canonical text. */
  private tuples(content: string, path: string): string[][] {
    const body = content.trim();
    if (body === '') return [];
    let bad = 0;
    const tuples = body.split('|').map((segment, t) => {
      const trimmed = segment.trim();
      if (trimmed === '') {
        this.problem(`${path}.tuple[${t}]`, "is empty (a stray '|')");
        return [];
      }
      const values = trimmed.split(/\s+/);
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        if (CANONICAL_INTEGER.test(value)) continue;
        const canonical = canonicalInteger(value);
        if (canonical !== undefined) values[i] = canonical;
        else if (++bad <= DETAIL_LIMIT) this.problem(`${path}.tuple[${t}]`, `'${value}' is not an integer`);
      }
      return values;
    });
    if (bad > DETAIL_LIMIT) this.problem(path, `${bad - DETAIL_LIMIT} more values are not integers`);
    return tuples;
  }

  private readPredicates(root: Record<string, unknown>): void {
    const predicates = this.elements(root, 'predicates', 'predicate', 'nbPredicates');
    for (const node of predicates) {
      const name = attributes(node).name;
      if (name) this.predicates.add(name);
    }
    if (predicates.length > 0) {
      this.problem(
        'predicates',
        `${predicates.length} predicate(s) ${listNames([...this.predicates])}: intensional constraints are not supported; ` +
          'only table (extensional) relations can be imported',
      );
    }
    const functions = this.elements(root, 'functions', 'function', 'nbFunctions');
    if (functions.length > 0) {
      this.problem('functions', `${functions.length} function(s): intensional constraints are not supported`);
    }
  }

  /** Which group a variable goes to. */
  private grouping(): (name: string) => 'choices' | 'range' {
    const { choiceFeatures } = this.options;
    if (!choiceFeatures) return (name) => (RANGE_SUFFIX.test(name) ? 'range' : 'choices');
    choiceFeatures.forEach((name, index) => {
      if (!this.variables.has(name))
        this.problem(`options.choiceFeatures[${index}]`, `unknown variable '${name}'`);
    });
    const chosen = new Set(choiceFeatures);
    return (name) => (chosen.has(name) ? 'choices' : 'range');
  }

  private readConstraints(root: Record<string, unknown>): TableRuleSource[] {
    const state: ConstraintsState = { rules: [], names: new Set(), intensional: [], global: [] };
    const { rules, intensional, global } = state;
    for (const [index, node] of this.elements(root, 'constraints', 'constraint', 'nbConstraints').entries()) {
      this.readConstraint(node, index, state);
    }
    if (intensional.length > 0) {
      this.problem(
        'constraints',
        `${intensional.length} constraint(s) ${listNames(intensional)} reference predicates: intensional constraints are not supported`,
      );
    }
    if (global.length > 0) {
      this.problem(
        'constraints',
        `${global.length} constraint(s) ${listNames(global)} are global constraints, which are not supported`,
      );
    }
    return rules;
  }

  private readConstraint(
    node: XmlNode,
    index: number,
    { rules, names, intensional, global }: ConstraintsState,
  ): void {
    const attrs = attributes(node);
    const path = `constraint[${index}]${attrs.name ? ` (${attrs.name})` : ''}`;
    if (!attrs.name) {
      this.problem(path, 'a constraint needs a name attribute');
      return;
    }
    if (names.has(attrs.name)) {
      this.problem(path, `duplicate constraint name '${attrs.name}'`);
      return;
    }
    names.add(attrs.name);
    this.stats.constraints++;

    const scope = (attrs.scope ?? '').trim().split(/\s+/).filter(Boolean);
    if (scope.length === 0)
      this.problem(`${path}.scope`, 'a constraint needs a scope of one or more variables');
    const variables: Variable[] = [];
    for (const name of scope) {
      const variable = this.variables.get(name);
      if (variable) variables.push(variable);
      else this.problem(`${path}.scope`, `unknown variable '${name}'`);
    }
    this.checkCount(path, 'arity', attrs.arity, scope.length, 'variables in the scope');

    const reference = attrs.reference?.trim();
    if (!reference) {
      this.problem(`${path}.reference`, 'a constraint needs a reference to a relation');
      return;
    }
    const relation = this.relations.get(reference);
    if (!relation) {
      if (reference.toLowerCase().startsWith('global:')) global.push(attrs.name);
      else if (this.predicates.has(reference)) intensional.push(attrs.name);
      else this.problem(`${path}.reference`, `unknown relation '${reference}'`);
      return;
    }
    if (relation.arity !== scope.length) {
      this.problem(
        path,
        `its scope has ${scope.length} variables but relation '${relation.name}' has arity ${relation.arity}`,
      );
      return;
    }
    if (variables.length !== scope.length) return;
    const rule = this.tableRule(attrs.name, path, relation, variables);
    if (rule) rules.push(rule);
  }

  /**
   * The allowed rows of a constraint over its distinct variables. A variable listed twice in a scope
   * keeps only the tuples that give both places the same value.
   */
  private tableRule(
    id: string,
    path: string,
    relation: Relation,
    scope: Variable[],
  ): TableRuleSource | undefined {
    const distinct: Variable[] = [];
    const column = scope.map((variable) => {
      const at = distinct.indexOf(variable);
      if (at >= 0) return at;
      distinct.push(variable);
      return distinct.length - 1;
    });
    const width = distinct.length;
    const indexes = distinct.map((variable) => variable.domain.index);
    const codes = distinct.map((variable) => variable.domain.codes);
    const seen = new Set<string>();
    /** Positions in each domain of a listed tuple projected on the distinct variables, or undefined when it can never apply. */
    const project = (tuple: string[]): number[] | undefined => {
      const positions = new Array<number>(width).fill(-1);
      for (let i = 0; i < tuple.length; i++) {
        const position = indexes[column[i]!]!.get(tuple[i]!);
        if (position === undefined) return undefined;
        const previous = positions[column[i]!]!;
        if (previous !== -1 && previous !== position) return undefined;
        positions[column[i]!] = position;
      }
      return positions;
    };
    const features = distinct.map((variable) => variable.name);
    const message = `Combination of ${features.join(', ')} not offered (constraint ${id})`;
    const rows: string[][] = [];

    if (relation.semantics === 'supports') {
      this.stats.supportsConstraints++;
      for (const tuple of relation.tuples) {
        const positions = project(tuple);
        if (!positions) {
          this.stats.tuplesOutsideDomains++;
          continue;
        }
        const key = positions.join(' ');
        if (seen.has(key)) {
          this.stats.duplicateTuples++;
          continue;
        }
        seen.add(key);
        rows.push(positions.map((position, k) => codes[k]![position]!));
      }
    } else {
      this.stats.conflictsConstraints++;
      const radix = codes.map((values) => values.length);
      const combinations = radix.reduce((product, size) => product * size, 1);
      const enumerable = combinations <= XCSP_MAX_COMPLEMENT_COMBINATIONS;
      // A forbidden combination as its number in the odometer below (exact: below the limit).
      const forbidden = new Set<number>();
      let applicable = 0;
      for (const tuple of relation.tuples) {
        const positions = project(tuple);
        if (!positions) {
          this.stats.tuplesOutsideDomains++;
          continue;
        }
        applicable++;
        if (!enumerable) continue;
        let number = 0;
        for (let k = 0; k < width; k++) number = number * radix[k]! + positions[k]!;
        if (forbidden.has(number)) this.stats.duplicateTuples++;
        forbidden.add(number);
      }
      if (applicable === 0) {
        // Nothing that can occur is forbidden: every combination is allowed.
        rows.push(features.map(() => '*'));
      } else if (!enumerable) {
        this.problem(
          path,
          `relation '${relation.name}' lists forbidden tuples (semantics="conflicts"); over ${features.join(', ')} ` +
            `its complement spans ${combinations.toLocaleString('en')} combinations, more than the ` +
            `${XCSP_MAX_COMPLEMENT_COMBINATIONS.toLocaleString('en')} that can be enumerated as allowed rows`,
        );
        return undefined;
      } else {
        // Odometer over the domains, last variable fastest: rows come out in ascending order.
        const digits = new Array<number>(width).fill(0);
        for (let number = 0; number < combinations; number++) {
          if (!forbidden.has(number)) rows.push(digits.map((position, k) => codes[k]![position]!));
          for (let k = width - 1; k >= 0; k--) {
            if (++digits[k]! < radix[k]!) break;
            digits[k] = 0;
          }
        }
        this.stats.complementRows += rows.length;
      }
    }
    this.stats.rows += rows.length;
    return { id, kind: 'table', message, features, rows };
  }
}

/** The elements named `name` under a parsed node (always a list, empty when absent). */
function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = node[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

/** The attributes of a parsed element (attribute values are text; the element's text is under #text). */
function attributes(node: XmlNode | undefined): Record<string, string | undefined> {
  if (!node || typeof node !== 'object') return {};
  const result: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(node))
    if (typeof value === 'string' && key !== '#text') result[key] = value;
  return result;
}

function text(node: XmlNode | undefined): string {
  if (typeof node === 'string') return node;
  const value = node?.['#text'];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** "-1", "0", "12" for any integer text ("+1", "007", "-0"), or undefined when it is not a safe integer. */
function canonicalInteger(value: string): string | undefined {
  if (!INTEGER.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? String(number) : undefined;
}

function toCode(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9_-]+/g, '-') || 'xcsp-import';
}

/** "a, b, c" or "a, b, c and 7 more". */
function listNames(names: string[]): string {
  const shown = names.slice(0, DETAIL_LIMIT).join(', ');
  return names.length > DETAIL_LIMIT ? `${shown} and ${names.length - DETAIL_LIMIT} more` : shown;
}

export interface SalesHistory {
  /** The header: feature codes, in column order. */
  features: string[];
  /** One row per sold car: the option code of each feature, in the header's order. */
  cars: string[][];
  /** Ragged rows (left out of cars), a missing or repeated header name. */
  problems: ModelProblem[];
}

/**
 * Reads a sales history: a header line of feature codes, then one line per sold car with a value for
 * each of them, separated by white space. Blank lines are skipped; lines are numbered from 1.
 */
export function parseSalesHistory(text: string): SalesHistory {
  const problems: ModelProblem[] = [];
  const cars: string[][] = [];
  let features: string[] | undefined;
  const lines = text.split('\n');
  for (let number = 1; number <= lines.length; number++) {
    const line = lines[number - 1]!.trim();
    if (line === '') continue;
    const values = line.split(/\s+/);
    if (!features) {
      features = values;
      const seen = new Set<string>();
      for (const code of values) {
        if (seen.has(code))
          problems.push({ path: `line ${number}`, message: `the header names '${code}' twice` });
        seen.add(code);
      }
    } else if (values.length !== features.length) {
      problems.push({
        path: `line ${number}`,
        message: `has ${values.length} values but the header names ${features.length} features`,
      });
    } else cars.push(values);
  }
  if (!features) problems.push({ path: '(file)', message: 'no header line naming the features' });
  return { features: features ?? [], cars, problems };
}
