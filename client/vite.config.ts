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
  },
  server: {
    proxy: {
      // ws: the live pages' subscriptions (graphql-ws) go over a WebSocket on the same path.
      '/graphql': { target: server, ws: true },
      '/healthz': server,
    },
  },
});
