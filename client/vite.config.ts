import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The built client (client/dist) is served by the server in production.
// In development (`pnpm --filter ./client dev`) GraphQL and the health check are proxied to the server.
const server = `http://localhost:${process.env.PORT ?? '4000'}`;

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each route loads (read by `pnpm bench client`).
    manifest: true,
  },
  server: {
    proxy: {
      '/graphql': server,
      '/healthz': server,
    },
  },
});
