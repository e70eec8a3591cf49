// The web app is built into dist/web and served by the Hearth server itself (one process).
// In development, `vite` proxies /api to a running server on port 3000.
// Issue 19, point 1: each area's pages are chunks of their own (lazy routes in src/web/app/router.tsx);
// the build adds the service worker, the manifest and icons, and Brotli/gzip copies of every file
// (scripts/vite-web-plugin.ts).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { webAppPlugin } from './scripts/vite-web-plugin.js';

export default defineConfig({
  root: 'src/web',
  plugins: [react(), webAppPlugin()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    // The English catalog is a chunk of its own, fetched only when English is chosen (left to itself,
    // the bundler merged it with shared code the first script needs). The country names stay with the
    // citizenship list that the forms use in both languages.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'catalog-en', test: /src[\\/]domain[\\/]i18n[\\/]en([\\/](?!countries)|\.ts)/ }] } },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
