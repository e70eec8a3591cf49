// Browser-test harness: Hearth in this process (in-memory PGlite, migrations, the demo
// organisation, the real HTTP app serving the built web app) on a free port of 127.0.0.1, and
// Debian's Chromium driven by playwright-core — nothing is downloaded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/server/config.js';
import type { Engine } from '../../src/server/db/engine.js';
import { openMigratedPglite } from '../../src/server/testing/harness.js';
import { buildApp } from '../../src/server/http/app.js';
import { seedDemo } from '../../src/server/seed/demo.js';
import { ensureWebBuilt } from '../../scripts/build-web.mjs';

export const DEMO_PASSWORD = 'e2e-demo-password-2026';
export const SCREENSHOTS = path.join(os.tmpdir(), 'hearth-e2e');

const CHROMIUM_ARGS = [
  '--headless',
  '--disable-quic',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Every URL the page requested, to prove nothing goes to another host. */
  requests: string[];
  /** Console errors (a CSP violation shows up here). */
  errors: string[];
}

export interface Hearth {
  baseUrl: string;
  /** A fresh browser context (own cookies and storage) with one page. */
  open(options?: { width?: number; height?: number }): Promise<Tab>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHearth(): Promise<Hearth> {
  ensureWebBuilt();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const engine: Engine = await openMigratedPglite();
  // The named demo families only: the browser tests count on their figures (the living history is
  // for people, and has its own server test).
  await seedDemo(engine, DEMO_PASSWORD, { history: false });
  const app: FastifyInstance = await buildApp({
    engine,
    config: { ...loadConfig({}), serveWeb: true, demoPassword: DEMO_PASSWORD },
    now: () => new Date(),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  // launch() gives every run a fresh temporary profile (user-data-dir) and removes it on close.
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const contexts: BrowserContext[] = [];

  return {
    baseUrl: address,
    async open({ width = 1280, height = 860 } = {}) {
      const context = await browser.newContext({ baseURL: address, viewport: { width, height }, locale: 'ru-RU' });
      contexts.push(context);
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      return { page, context, requests, errors };
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await engine.close();
    },
  };
}

/** Logs in through the login page (whatever language it is in). */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /Выйти|Log out/ }).click();
  await page.locator('input[type="email"]').waitFor();
}
