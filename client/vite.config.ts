import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The built client (client/dist) is served by the server in production.
// In development (`pnpm --filter ./client dev`) API calls are proxied to the server.
export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': `http://localhost:${process.env.PORT ?? '4000'}`,
    },
  },
});
