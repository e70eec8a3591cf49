// Entry point of the web app. Styles are bundled by Vite and served from our own origin (the CSP
// allows no other); no inline scripts. The app renders once the interface language's catalog is in
// (English is fetched only when chosen), and registers the service worker that keeps the page shell
// for a return visit and for work without a connection (src/web/sw).
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { i18nReady } from './app/i18n.js';
import { wipeIfStale } from './offline/vault.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

// Offline data not synced for longer than the organisation allows is wiped before anything shows.
void Promise.allSettled([i18nReady, wipeIfStale()]).finally(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    // A browser that refuses (private mode, an old one) simply works online only.
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
