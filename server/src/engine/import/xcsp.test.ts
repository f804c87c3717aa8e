import { describe, expect, it } from 'vitest';
import { readRenaultBenchmark as readBenchmark } from '../../test-support/renault-benchmark.js';
import { loadProductModel } from '../model/load.js';
import type { TableRuleSource } from '../model/model.types.js';
import { importXcsp, parseSalesHistory, type XcspImportResult } from './xcsp.js';

function imported(result: XcspImportResult) {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems, null, 2)}`);
  return result;
}

function problemsOf(result: XcspImportResult): string[] {
  if (result.ok) throw new Error('expected problems, the import succeeded');
  return result.problems.map((p) => `${p.path}: ${p.message}`);
}

function rule(result: XcspImportResult, id: string): TableRuleSource {
  const found = imported(result).source.rules?.find((r) => r.id === id);
  if (found?.kind !== 'table') throw new Error(`no table rule ${id}`);
  return found;
}

const bike = `<?xml version="1.0" encoding="UTF-8"?>
<instance>
  <presentation name="bike" format="XCSP 2.1" type="CSP"/>
  <domains nbDomains="3">
    <domain name="D3" nbValues="3">0..2</domain>
    <domain name="Dmix" nbValues="5"> -1 4 .. 6
      10 </domain>
    <domain name="Dopt" nbValues="2" optional="-1">-1 0</domain>
  </domains>
  <variables nbVariables="4">
    <variable name="frame" domain="D3"/>
    <variable name="wheel" domain="D3"/>
    <variable name="gear" domain="Dmix"/>
    <variable name="rack_Option" domain="Dopt"/>
  </variables>
  <relations nbRelations="3">
    <relation name="same" arity="2" nbTuples="3" semantics="supports">0 0|1 1|
      2 2</relation>
    <relation name="noClash" arity="2" nbTuples="2" semantics="conflicts">0 4 | 2 10</relation>
    <relation name="rackFrame" arity="2" nbTuples="2" semantics="supports">-1 0 | 0 1</relation>
  </relations>
  <constraints nbConstraints="3">
    <constraint name="c1" arity="2" scope="frame wheel" reference="same"/>
    <constraint name="c2" arity="2" scope="wheel gear" reference="noClash"/>
    <constraint name="c3" arity="2" scope="rack_Option frame" reference="rackFrame"/>
  </constraints>
</instance>`;

describe('importing a hand-written XCSP 2.1 model', () => {
  it('turns ranges, a shared domain, supports and conflicts into features, options and table rows', () => {
    const result = imported(importXcsp(bike));
    const { source } = result;
    expect(source.code).toBe('bike');
    expect(source.name).toBe('bike (XCSP import)');
    expect(source.currency).toBe('EUR');
    expect(source.groups).toEqual([
      { code: 'choices', label: 'Choices' },
      { code: 'range', label: 'Range (derived)' },
    ]);
    expect(source.features.map((f) => [f.code, f.kind, f.group, f.options!.map((o) => o.code)])).toEqual([
      ['frame', 'single', 'choices', ['0', '1', '2']],
      ['wheel', 'single', 'choices', ['0', '1', '2']],
      ['gear', 'single', 'choices', ['-1', '4', '5', '6', '10']],
      ['rack_Option', 'single', 'range', ['-1', '0']],
    ]);
    for (const feature of source.features) {
      expect(feature.default).toBeUndefined();
      expect(feature.required ?? true).toBe(true);
    }
    // -1 means "not fitted" only in a domain marked optional="-1".
    expect(source.features[3]!.options!.map((o) => o.label)).toEqual(['not fitted', '0']);
    expect(source.features[2]!.options!.map((o) => o.label)).toEqual(['-1', '4', '5', '6', '10']);

    expect(rule(result, 'c1')).toEqual({
      id: 'c1',
      kind: 'table',
      features: ['frame', 'wheel'],
      rows: [
        ['0', '0'],
        ['1', '1'],
        ['2', '2'],
      ],
      message: 'Combination of frame, wheel not offered (constraint c1)',
    });
    expect(rule(result, 'c3').rows).toEqual([
      ['-1', '0'],
      ['0', '1'],
    ]);

    // conflicts: every pair of the domains except the two forbidden ones, in ascending order.
    const complement: string[][] = [];
    for (const wheel of ['0', '1', '2']) {
      for (const gear of ['-1', '4', '5', '6', '10']) {
        if (!(wheel === '0' && gear === '4') && !(wheel === '2' && gear === '10'))
          complement.push([wheel, gear]);
      }
    }
    const c2 = rule(result, 'c2');
    expect(c2.features).toEqual(['wheel', 'gear']);
    expect(c2.rows).toHaveLength(13);
    expect(c2.rows).toEqual(complement);
    expect(result.stats).toMatchObject({
      domains: 3,
      variables: 4,
      relations: 3,
      constraints: 3,
      choiceFeatures: 3,
      rangeFeatures: 1,
      supportsConstraints: 2,
      conflictsConstraints: 1,
      rows: 18,
      complementRows: 13,
    });

    const loaded = loadProductModel(source);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.model.rules).toHaveLength(3);
  });

  it('takes code, name, currency and the choice features from the options', () => {
    const result = imported(
      importXcsp(bike, {
        code: 'bike-x',
        name: 'Bike (XCSP import)',
        currency: 'CHF',
        choiceFeatures: ['gear'],
      }),
    );
    expect(result.source).toMatchObject({ code: 'bike-x', name: 'Bike (XCSP import)', currency: 'CHF' });
    expect(result.source.features.map((f) => `${f.code}:${f.group}`)).toEqual([
      'frame:range',
      'wheel:range',
      'gear:choices',
      'rack_Option:range',
    ]);
    expect(problemsOf(importXcsp(bike, { choiceFeatures: ['gear', 'saddle'] }))).toEqual([
      "options.choiceFeatures[1]: unknown variable 'saddle'",
    ]);
  });

  it('allows every combination when a conflicts relation forbids nothing that can occur, and reports one too large to enumerate', () => {
    const xml = (relations: string, constraints: string) => `<instance>
      <presentation name="big"/>
      <domains><domain name="D" nbValues="100">0..99</domain><domain name="E">0 1</domain></domains>
      <variables>
        <variable name="a" domain="D"/><variable name="b" domain="D"/><variable name="c" domain="D"/>
        <variable name="d" domain="D"/><variable name="e" domain="E"/>
      </variables>
      <relations>${relations}</relations>
      <constraints>${constraints}</constraints>
    </instance>`;
    const open = importXcsp(
      xml(
        `<relation name="none" arity="2" nbTuples="0" semantics="conflicts"/>
         <relation name="outside" arity="2" nbTuples="1" semantics="conflicts">7 7</relation>`,
        `<constraint name="k1" arity="2" scope="a e" reference="none"/>
         <constraint name="k2" arity="2" scope="b e" reference="outside"/>`,
      ),
    );
    expect(rule(open, 'k1').rows).toEqual([['*', '*']]);
    expect(rule(open, 'k2').rows).toEqual([['*', '*']]);
    expect(imported(open).stats.tuplesOutsideDomains).toBe(1);
    expect(loadProductModel(imported(open).source).ok).toBe(true);

    const huge = problemsOf(
      importXcsp(
        xml(
          '<relation name="notAllZero" arity="4" nbTuples="1" semantics="conflicts">0 0 0 0</relation>',
          '<constraint name="k3" arity="4" scope="a b c d" reference="notAllZero"/>',
        ),
      ),
    );
    expect(huge).toHaveLength(1);
    expect(huge[0]).toMatch(
      /^constraint\[0\] \(k3\): relation 'notAllZero' lists forbidden tuples .*100,000,000 combinations/,
    );
  });

  it('imports an empty supports relation (nbTuples=0) as a table that allows nothing', () => {
    const result = importXcsp(`<instance><presentation name="empty"/>
      <domains><domain name="D">0 1</domain></domains>
      <variables><variable name="x" domain="D"/><variable name="y" domain="D"/></variables>
      <relations><relation name="nothing" arity="2" nbTuples="0" semantics="supports"></relation></relations>
      <constraints><constraint name="never" arity="2" scope="x y" reference="nothing"/></constraints>
    </instance>`);
    expect(rule(result, 'never').rows).toEqual([]);
    expect(loadProductModel(imported(result).source).ok).toBe(true);
  });

  it('reads tuple values as integers and keeps, for a variable listed twice in a scope, the tuples that agree', () => {
    const result = importXcsp(`<instance><presentation name="twice"/>
      <domains><domain name="D">0..2</domain></domains>
      <variables><variable name="x" domain="D"/><variable name="y" domain="D"/></variables>
      <relations>
        <relation name="r" arity="2" nbTuples="4" semantics="supports">+1 01 | 0 2 | 2 2 | 1 1</relation>
      </relations>
      <constraints>
        <constraint name="diagonal" arity="2" scope="x x" reference="r"/>
        <constraint name="pairs" arity="2" scope="x y" reference="r"/>
      </constraints>
    </instance>`);
    expect(rule(result, 'diagonal')).toMatchObject({ features: ['x'], rows: [['1'], ['2']] });
    expect(rule(result, 'pairs').rows).toEqual([
      ['1', '1'],
      ['0', '2'],
      ['2', '2'],
    ]);
    expect(imported(result).stats.duplicateTuples).toBe(2);
  });
});

describe('importing malformed XCSP', () => {
  it('reports every problem at once, each naming its element', () => {
    const broken = bike
      .replace('<relation name="same" arity="2" nbTuples="3"', '<relation name="same" arity="2" nbTuples="4"')
      .replace('reference="rackFrame"', 'reference="rackFrames"')
      .replace('scope="wheel gear"', 'scope="wheel gears"')
      .replace('0 4 | 2 10', '0 4 | 2 10 1')
      .replace('<domain name="D3" nbValues="3">', '<domain name="D3" nbValues="4">');
    expect(problemsOf(importXcsp(broken))).toEqual([
      'domain[0] (D3).nbValues: says 4 values but 3 are listed',
      'relation[0] (same).nbTuples: says 4 tuples but 3 are listed',
      "relation[1] (noClash).tuple[1]: has 3 values but the relation's arity is 2",
      "constraint[1] (c2).scope: unknown variable 'gears'",
      "constraint[2] (c3).reference: unknown relation 'rackFrames'",
    ]);
  });

  it('names the element for counts, arities, values and names that do not fit', () => {
    const problems = problemsOf(
      importXcsp(`<instance><presentation name="bad"/>
      <domains nbDomains="3">
        <domain name="D">0..2 2 x 5..3</domain>
        <domain name="D">0 1</domain>
      </domains>
      <variables>
        <variable name="x" domain="D"/><variable name="2y" domain="D"/><variable name="z" domain="Nope"/>
      </variables>
      <relations>
        <relation name="r" arity="2" nbTuples="2" semantics="supports">0 a | 1 1 |</relation>
        <relation name="s" arity="2" semantics="soft">0 0</relation>
      </relations>
      <constraints>
        <constraint name="c" arity="3" scope="x 2y" reference="r"/>
        <constraint name="c" arity="1" scope="x" reference="r"/>
      </constraints>
    </instance>`),
    );
    expect(problems).toEqual([
      'domains.nbDomains: says 3 <domain> elements but 2 are listed',
      "domain[0] (D): 'x' is neither an integer nor a range such as 0..8",
      'domain[0] (D): the range 5..3 is empty (5 is above 3)',
      'domain[0] (D): 2 is listed more than once',
      "domain[1] (D): duplicate domain name 'D'",
      "variable[1] (2y): variable name '2y' cannot be a feature code: letters, digits and _ only, not starting with a digit",
      "variable[2] (z).domain: unknown domain 'Nope'",
      "relation[0] (r).tuple[0]: 'a' is not an integer",
      "relation[0] (r).tuple[2]: is empty (a stray '|')",
      'relation[0] (r).nbTuples: says 2 tuples but 3 are listed',
      'relation[1] (s).semantics: soft relations (weighted CSP, costs) are not supported; only supports and conflicts',
      'constraint[0] (c).arity: says 3 variables in the scope but 2 are listed',
      "constraint[1] (c): duplicate constraint name 'c'",
    ]);
  });

  it('rejects text that is not XML, or not an XCSP 2.1 instance, with a problem instead of an exception', () => {
    expect(problemsOf(importXcsp('this is not xml at all'))).toEqual([
      "line 1, column 1: not well-formed XML: char 't' is not expected.",
    ]);
    expect(problemsOf(importXcsp(''))[0]).toMatch(/not well-formed XML/);
    expect(problemsOf(importXcsp('{"instance": {}}'))[0]).toMatch(/^line 1, column 1: not well-formed XML/);
    expect(problemsOf(importXcsp('<instance><domains>\n<domain name="D">0</domains></instance>'))[0]).toMatch(
      /^line 2, column \d+: not well-formed XML: .*'domain'/,
    );
    expect(problemsOf(importXcsp('<html><body/></html>'))).toEqual([
      '(document): not an XCSP 2.1 instance: the root element must be <instance>, not <html>',
    ]);
    expect(problemsOf(importXcsp('<instance format="XCSP3" type="CSP"><variables/></instance>'))).toEqual([
      'instance: XCSP3 is not supported; this importer reads XCSP 2.1',
    ]);
  });

  it('reports intensional and global constraints as not supported', () => {
    const problems = problemsOf(
      importXcsp(`<instance><presentation name="int"/>
      <domains><domain name="D">0..3</domain></domains>
      <variables><variable name="x" domain="D"/><variable name="y" domain="D"/></variables>
      <predicates nbPredicates="1">
        <predicate name="P0"><parameters>int a int b</parameters>
          <expression><functional>lt(a,b)</functional></expression></predicate>
      </predicates>
      <constraints>
        <constraint name="lower" arity="2" scope="x y" reference="P0"><parameters>x y</parameters></constraint>
        <constraint name="diff" arity="2" scope="x y" reference="global:allDifferent"/>
      </constraints>
    </instance>`),
    );
    expect(problems).toEqual([
      'predicates: 1 predicate(s) P0: intensional constraints are not supported; only table (extensional) relations can be imported',
      'constraints: 1 constraint(s) lower reference predicates: intensional constraints are not supported',
      'constraints: 1 constraint(s) diff are global constraints, which are not supported',
    ]);
  });
});

describe('the Renault medium model (real data)', () => {
  const salesText = () => readBenchmark('medium-sales-history.txt');

  it('imports to 148 features and 174 table rules that loadProductModel accepts', () => {
    const xml = readBenchmark('medium.xml');
    const started = performance.now();
    const result = imported(importXcsp(xml, { name: 'Renault medium (XCSP import)' }));
    const loaded = loadProductModel(result.source);
    const elapsed = performance.now() - started;
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 10)));
    expect(result.source.code).toBe('medium');
    expect(result.source.features).toHaveLength(148);
    expect(result.source.rules).toHaveLength(174);
    expect(result.source.rules!.every((r) => r.kind === 'table')).toBe(true);
    expect(loaded.model.features).toHaveLength(148);
    expect(loaded.model.rules).toHaveLength(174);
    expect(result.stats).toMatchObject({
      variables: 148,
      constraints: 174,
      supportsConstraints: 174,
      tuplesOutsideDomains: 0,
    });
    expect(result.source.features.find((f) => f.code === 'v7')!.options).toEqual([
      { code: '-1', label: 'not fitted' },
      { code: '0', label: '0' },
    ]);
    expect(rule(result, 'contrainte1').features).toEqual(['v0', 'v1']);
    // How fast is the engine benchmark's business (`pnpm bench engine`); here it is only reported.
    console.info(`Renault medium imported and loaded in ${elapsed.toFixed(0)} ms`);
  });

  it('offers exactly the values of the value-counts file for every variable', () => {
    const result = imported(importXcsp(readBenchmark('medium.xml')));
    const expected = new Map<string, string[]>();
    for (const line of readBenchmark('medium-value-counts.csv').trim().split('\n').slice(1)) {
      const [variable, value] = line.split(',');
      if (variable === '__TOTAL__') continue;
      expected.set(variable!, [...(expected.get(variable!) ?? []), value!]);
    }
    const actual = new Map(result.source.features.map((f) => [f.code, f.options!.map((o) => o.code)]));
    expect(expected.size).toBe(148);
    for (const [variable, values] of expected) {
      expect(new Set(actual.get(variable)), variable).toEqual(new Set(values));
    }
  });

  it('knows every option of every one of the 8,252 sold cars, and every table over sold features allows them', () => {
    const history = parseSalesHistory(salesText());
    expect(history.problems).toEqual([]);
    expect(history.features).toHaveLength(44);
    expect(history.cars).toHaveLength(8252);

    const result = imported(importXcsp(readBenchmark('medium.xml'), { choiceFeatures: history.features }));
    expect(result.stats).toMatchObject({ choiceFeatures: 44, rangeFeatures: 104 });
    const options = new Map(
      result.source.features.map((f) => [f.code, new Set(f.options!.map((o) => o.code))]),
    );
    const unknown: string[] = [];
    history.cars.forEach((car, index) => {
      car.forEach((value, column) => {
        const code = history.features[column]!;
        if (!options.get(code)?.has(value)) unknown.push(`car ${index + 1}: ${code}=${value}`);
      });
    });
    expect(unknown).toEqual([]);

    // Tables that read only sold features must allow each sold car's values.
    const columnOf = new Map(history.features.map((code, column) => [code, column]));
    const tables = (result.source.rules as TableRuleSource[]).filter((r) =>
      r.features.every((f) => columnOf.has(f)),
    );
    expect(tables.length).toBeGreaterThan(0);
    const broken: string[] = [];
    for (const table of tables) {
      const allowed = new Set(table.rows.map((row) => row.join(' ')));
      const columns = table.features.map((f) => columnOf.get(f)!);
      history.cars.forEach((car, index) => {
        if (!allowed.has(columns.map((c) => car[c]).join(' ')))
          broken.push(`car ${index + 1} breaks ${table.id}`);
      });
    }
    expect(broken.slice(0, 5)).toEqual([]);
  });
});

describe('reading a sales history', () => {
  it('reads the header and the cars, and reports ragged rows by line', () => {
    const history = parseSalesHistory('a b c\r\n0 1 2\r\n\r\n1 1\n2 2 2 2\n-1 0 1\n');
    expect(history.features).toEqual(['a', 'b', 'c']);
    expect(history.cars).toEqual([
      ['0', '1', '2'],
      ['-1', '0', '1'],
    ]);
    expect(history.problems).toEqual([
      { path: 'line 4', message: 'has 2 values but the header names 3 features' },
      { path: 'line 5', message: 'has 4 values but the header names 3 features' },
    ]);
    expect(parseSalesHistory(' \n').problems).toEqual([
      { path: '(file)', message: 'no header line naming the features' },
    ]);
    expect(parseSalesHistory('a b a\n0 0 0').problems).toEqual([
      { path: 'line 1', message: "the header names 'a' twice" },
    ]);
  });
});
