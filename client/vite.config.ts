import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The built client (client/dist) is served by the server in production.
// In development (`pnpm --filter ./client dev`) GraphQL (subscriptions too) and the health check are proxied to the server.
const server = `http://localhost:${process.env.PORT ?? '4000'}`;

export default defineConfig({
  plugins: [vue()],
  // vue-i18n's build flags: the Composition API only (the legacy API is left out of the bundle), no devtools
  // in production; messages are compiled just in time, which needs no eval (the CSP forbids it).
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each route loads (read by `pnpm bench client`).
    manifest: true,
    // Two pages: the configurator (index.html) and GraphiQL (graphiql.html, served at /graphiql), each with its
    // own chunks, so the configurator never loads React or GraphiQL.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('graphiql.html', import.meta.url)),
      },
      // GraphiQL's React components start with "use client" (for React Server Components): meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      // ws: the live pages' subscriptions (graphql-ws) go over a WebSocket on the same path.
      '/graphql': { target: server, ws: true },
      '/healthz': server,
    },
  },
});
