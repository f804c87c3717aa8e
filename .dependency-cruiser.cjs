// The architecture, as rules that `pnpm lint` checks (dependency-cruiser), not as good intentions
// (docs/architecture.md). A failing rule names the import at fault.

/** Packages the pure engine may use: computation only, no I/O, ORM, GraphQL or Node built-ins. */
const ENGINE_PACKAGES = ['decimal.js', 'yaml', 'zod', 'fast-xml-parser', 'lru-cache'];

/**
 * Test files and their support code, which may use Node (to read fixtures, start servers...); the
 * authorization matrix's sample calls are the matrix test's support code.
 */
const TEST_FILES = '\\.(test|spec)\\.[cm]?[jt]s$|/test-support/|/authorization-matrix\\.calls\\.ts$';

/**
 * Files that wire every module together (the entity list, seeding, the GraphQL schema and context, the HTTP app,
 * the entry points): they may import any module, and nothing but other wiring imports them.
 */
const WIRING = [
  '^server/src/db/entities\\.ts$',
  '^server/src/db/seed\\.ts$',
  '^server/src/db/demo-plant\\.ts$',
  '^server/src/db/orm\\.ts$',
  '^server/src/graphql/context\\.ts$',
  '^server/src/graphql/schema\\.ts$',
  '^server/src/graphql/schema-file\\.ts$',
  '^server/src/http/',
  '^server/src/services\\.ts$',
  '^server/src/server\\.ts$',
  '^server/src/main\\.ts$',
];

/** What every module may use and which itself uses no module: the engine and the server's infrastructure. */
const INFRASTRUCTURE = ['engine', 'logger.ts', 'config.ts', 'db', 'graphql'];

/**
 * The feature modules, each one folder of server/src, in the order they may use each other: a module imports
 * only modules before it (and the infrastructure). So modules cannot import each other in a circle, and the list
 * says who calls whom: a module changes another's tables only through that module's service.
 */
const FEATURE_MODULES = [
  'mail',
  'price-lists',
  'accounts',
  'catalog',
  'configurations',
  'checkout',
  'orders',
  'parts',
  'fulfilment',
  'quotes',
];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const modulePath = (name) => `^server/src/${escapeRegExp(name)}${name.endsWith('.ts') ? '$' : '/'}`;

module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: `The engine (server/src/engine) imports only its own files and ${ENGINE_PACKAGES.join(', ')}: no Node built-ins, I/O, ORM or GraphQL.`,
      from: { path: '^server/src/engine/', pathNot: TEST_FILES },
      to: {
        pathNot: [
          '^server/src/engine/',
          ...ENGINE_PACKAGES.flatMap((name) => [
            `node_modules/${escapeRegExp(name)}/`,
            `node_modules/\\.pnpm/${escapeRegExp(name)}@`,
          ]),
        ],
      },
    },
    {
      name: 'engine-through-its-index',
      severity: 'error',
      comment:
        'Code outside the engine imports it only through its index (server/src/engine/index.ts), never its internals.',
      from: { path: '^server/', pathNot: '^server/src/engine/' },
      to: { path: '^server/src/engine/', pathNot: '^server/src/engine/index\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file imports itself through others: split what both sides need into a third file.',
      from: { path: '^(server|client|test|scripts)/' },
      to: { circular: true },
    },
    {
      name: 'infrastructure-uses-no-module',
      severity: 'error',
      comment: `The infrastructure (${INFRASTRUCTURE.join(', ')}) serves the modules and imports none of them (${FEATURE_MODULES.join(', ')}).`,
      from: { path: INFRASTRUCTURE.map(modulePath), pathNot: [TEST_FILES, ...WIRING] },
      to: { path: [...FEATURE_MODULES.map(modulePath), ...WIRING] },
    },
    ...FEATURE_MODULES.map((name, index) => ({
      name: `module-order-${name}`,
      severity: 'error',
      comment: `server/src/${name} may import only the modules before it in FEATURE_MODULES (.dependency-cruiser.cjs): ${FEATURE_MODULES.slice(0, index).join(', ') || 'none'}; a call the other way goes through a callback or an event.`,
      from: { path: modulePath(name), pathNot: TEST_FILES },
      // The GraphQL context is wiring too, but every resolver reads its type.
      to: {
        path: [...FEATURE_MODULES.slice(index + 1).map(modulePath), ...WIRING],
        pathNot: '^server/src/graphql/context\\.ts$',
      },
    })),
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/|^client/src/graphql/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'server/tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.d.ts', '.d.mts', '.vue'],
    },
  },
};
