import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          root: './server',
          include: ['src/engine/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // docs/stack.md, trap 1: graphql's ESM (.mjs) and CJS (.js) builds would both load ("Cannot use
        // GraphQLSchema from another module or realm"); make every import of 'graphql' the same file.
        resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
        test: {
          name: 'server',
          root: './server',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['src/engine/**', '**/node_modules/**'],
          environment: 'node',
          // A server start compiles the demo models (counting trees included) and, on a fresh
          // database, checks them as it publishes them: seconds on a busy 2-core machine.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'client',
          root: './client',
          include: ['src/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['./src/i18n/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          root: './test',
          include: ['**/*.test.ts'],
          // Builds the client and the server once when stale: the tests run the built server.
          globalSetup: ['./support/global-setup.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
