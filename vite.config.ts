// The web app is built into dist/web and served by the Hearth server itself (one process).
// In development, `vite` proxies /api to a running server on port 3000.
// Issue 19, point 1: each area's pages are chunks of their own (lazy routes in src/web/app/router.tsx);
// the build adds the service worker, the manifest and icons, and Brotli/gzip copies of every file
// (scripts/vite-web-plugin.ts). Two pages: the app (index.html) and the stand-alone log-in page
// (login.html, a few KB with no React), which a visitor without a session gets (src/domain/web-pages.ts).
import { fileURLToPath } from 'node:url';
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
    // Browsers that know <link rel="modulepreload"> need no polyfill; both pages shared it, which made
    // it a file of its own — one more request before the log-in page is usable.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('src/web/index.html', import.meta.url)),
        login: fileURLToPath(new URL('src/web/login.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          groups: [
            // The English catalog is a chunk of its own, fetched only when English is chosen (left to
            // itself, the bundler merged it with shared code the first script needs). The country names
            // stay with the citizenship list that the forms use in both languages.
            { name: 'catalog-en', test: /src[\\/]domain[\\/]i18n[\\/]en([\\/](?!countries)|\.ts)/ },
            // Mantine's components and the icons in one file each rather than ~60 small shared chunks:
            // on a slow link the number of requests, not the bytes, made the app's first screens slow
            // after log-in (HTTP/1.1: 6 connections, a 400 ms round trip each; README, field work).
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/](core|hooks)[\\/]/ },
            { name: 'icons', test: /node_modules[\\/]@tabler[\\/]icons-react[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
