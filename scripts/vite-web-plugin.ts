// What the build adds to the web app for phones on a weak connection (issue 19, point 1):
// - the stand-alone log-in page's strings (src/web/login/keys.ts: only those keys of the shared
//   catalogues, as a virtual module) and its Russian frame; the list of the app's first scripts it
//   prefetches when there is no service worker;
// - the service worker (src/web/sw/service-worker.js) with the list of this build's files, the
//   app's first scripts first, and the rules of which page an address opens (src/domain/web-pages.ts);
// - the head both pages share (character set, viewport, theme colour, manifest, icons), written once
//   here and put in place of each page's marker (PAGE_HEAD), so the two cannot drift;
// - the web app manifest («Очаг», theme colour) and its icons, drawn here as PNG (no binary in git);
// - every script, style and page prepared as Brotli and gzip next to it, which the server sends by
//   the browser's Accept-Encoding (src/server/http/app.ts, @fastify/static preCompressed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';
import { LANGUAGES, translate } from '../src/domain/i18n/index.js';
import { FIRST_PERMISSIONS_KEY, LOGIN_PATH, PUBLIC_APP_PATH, SIGNED_IN_MARKER } from '../src/domain/web-pages.js';
import { EARLY_GLOBAL, FIRST_REQUESTS, LANGUAGE_STORAGE_KEY, SESSION_URL } from '../src/web/app/first-requests.js';
import { LOGIN_KEYS, LOGIN_MESSAGES_MODULE, type LoginMessages } from '../src/web/login/keys.js';

export const THEME_COLOR = '#c2410c';
const BACKGROUND = '#fff7ed';
const ICON_SIZES = [192, 512] as const;

/**
 * The head of both pages, the app (index.html) and the stand-alone log-in page (login.html): each
 * page has PAGE_HEAD_MARKER where it goes, then its own title, styles and scripts. The character set
 * stays first (a browser looks for it in the first 1024 bytes).
 */
export const PAGE_HEAD = [
  '<meta charset="UTF-8" />',
  '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
  `<meta name="theme-color" content="${THEME_COLOR}" />`,
  '<link rel="manifest" href="/manifest.webmanifest" />',
  '<link rel="icon" type="image/png" sizes="192x192" href="/icons/icon-192.png" />',
  '<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />',
];
export const PAGE_HEAD_MARKER = '<!-- the head both pages share: scripts/vite-web-plugin.ts, PAGE_HEAD -->';

/** A page with the shared head in place of its marker; a page without the marker fails the build. */
export function withPageHead(html: string, page: string): string {
  const at = html.indexOf(PAGE_HEAD_MARKER);
  if (at < 0 || html.indexOf(PAGE_HEAD_MARKER, at + 1) >= 0)
    throw new Error(`${page} must have ${PAGE_HEAD_MARKER} once in its <head> (scripts/vite-web-plugin.ts, PAGE_HEAD)`);
  const indent = /[ \t]*$/.exec(html.slice(0, at))![0];
  return html.replace(PAGE_HEAD_MARKER, PAGE_HEAD.join(`\n${indent}`));
}

const COMPRESSIBLE = /\.(js|css|html|webmanifest|json|svg)$/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  name?: string;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/** The log-in page's strings in every language: just its keys of the shared catalogues. */
export function loginMessages(): LoginMessages {
  const pick = (language: (typeof LANGUAGES)[number]) => {
    const picked = {} as LoginMessages[typeof language];
    for (const key of LOGIN_KEYS) {
      const text = translate(language, key);
      if (text === key) throw new Error(`the ${language} catalogue has no '${key}' (src/web/login/keys.ts)`);
      picked[key] = text;
    }
    return picked;
  };
  return Object.fromEntries(LANGUAGES.map((language) => [language, pick(language)])) as LoginMessages;
}

/**
 * The app page's boot script (src/web/boot/boot.js) with the first screens' requests in front of it,
 * under a hashed name like every other script (cached for good, kept by the service worker).
 */
function bootScript(): { fileName: string; source: string } {
  const body = fs.readFileSync(path.resolve(import.meta.dirname, '../src/web/boot/boot.js'), 'utf8');
  // Its comments are for its readers; the phone gets the code.
  const code = body.replace(/^\s*\/\/.*\n/gm, '').replace(/^\/\* global .*\*\/\n/m, '');
  const constants = [
    `var FIRST_REQUESTS = ${JSON.stringify(FIRST_REQUESTS)};`,
    `var SESSION_URL = ${JSON.stringify(SESSION_URL)};`,
    `var EARLY_GLOBAL = ${JSON.stringify(EARLY_GLOBAL)};`,
    `var STORAGE_KEY = ${JSON.stringify(LANGUAGE_STORAGE_KEY)};`,
    `var PERMISSIONS_KEY = ${JSON.stringify(FIRST_PERMISSIONS_KEY)};`,
  ];
  // In a function of its own: the constants are the boot's, not the page's globals.
  const source = `(function () {\n${constants.join('\n')}\n${code}})();\n`;
  const hash = crypto.createHash('sha256').update(source).digest('base64url').slice(0, 8);
  return { fileName: `assets/boot-${hash}.js`, source };
}

/** The modules the app opens first after log-in, besides its entry: the shell, the home page, the case list. */
const AFTER_LOGIN = ['/src/web/app/Shell.tsx', '/src/web/home/HomePage.tsx', '/src/web/cases/CasesPage.tsx'];
/** The offline pages, so a visit can be recorded after opening the app with no network. */
const OFFLINE = '/src/web/offline/';

/** The file names a chunk needs before it runs: itself, its static imports, their styles. */
function closure(bundle: Record<string, ChunkLike>, start: string, into: Set<string>): void {
  if (into.has(start)) return;
  into.add(start);
  const chunk = bundle[start];
  if (!chunk || chunk.type !== 'chunk') return;
  for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(bundle, imported, into);
}

/** What the app needs first after log-in, in the order to fetch it: the entry, the first pages. */
function appFirstFiles(bundle: Record<string, ChunkLike>): Set<string> {
  const files = new Set<string>();
  const chunks = Object.values(bundle).filter((chunk) => chunk.type === 'chunk');
  // The app's entry is named after its page (vite.config.ts: input.index).
  const app = chunks.find((chunk) => chunk.isEntry && chunk.name === 'index');
  if (app) closure(bundle, app.fileName, files);
  for (const module of AFTER_LOGIN) {
    const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(module));
    if (page) closure(bundle, page.fileName, files);
  }
  return files;
}

/**
 * The app's page as built, plus the boot script first and the first pages' chunks (the shell, the
 * home page, the case list) preloaded: the router asks for them only once the app has run and the
 * session is known, a round trip or two later on a phone.
 */
function appPage(html: string, bundle: unknown, bootFile: string): string {
  const preloaded = new Set([...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]));
  const links = bundle
    ? [...appFirstFiles(bundle as Record<string, ChunkLike>)]
        .filter((name) => name.endsWith('.js') && !preloaded.has(name))
        .map((name) => `    <link rel="modulepreload" crossorigin href="/${name}">\n`)
        .join('')
    : '';
  return html.replace('</title>', `</title>\n    <script async src="/${bootFile}"></script>`).replace('</head>', `${links}  </head>`);
}

export function webAppPlugin(): Plugin {
  let outDir = '';
  let building = false;
  const virtualId = `\0${LOGIN_MESSAGES_MODULE}`;
  const boot = bootScript();
  return {
    name: 'hearth-web-app',
    resolveId(id) {
      return id === LOGIN_MESSAGES_MODULE ? virtualId : undefined;
    },
    load(id) {
      return id === virtualId ? `export default ${JSON.stringify(loginMessages())};` : undefined;
    },
    transformIndexHtml: {
      order: 'post',
      handler(source, context) {
        const html = withPageHead(source, path.basename(context.filename));
        // The app's page: the boot script first, so the session and the first screen's data are
        // asked for while the app's scripts load (src/web/app/first-requests.ts).
        if (!context.filename.endsWith('login.html')) return building ? appPage(html, context.bundle, boot.fileName) : html;
        // The frame in Russian before the script runs (the script sets the chosen language's strings);
        // the page's comments are for its readers, not worth sending on a slow connection.
        const framed = html
          .replace(/<!--[\s\S]*?-->\n?/g, '')
          .replace(/%([a-z]+\.[a-zA-Z]+)%/g, (whole, key: string) =>
            (LOGIN_KEYS as readonly string[]).includes(key) ? escapeHtml(translate('ru', key)) : whole,
          );
        if (!context.bundle) return framed;
        const files = [...appFirstFiles(context.bundle as unknown as Record<string, ChunkLike>)].filter((name) => name.endsWith('.js'));
        const list = files.map((name) => `/${name}`).join(' ');
        return framed.replace('</head>', `  <meta name="hearth-prefetch" content="${list}" />\n  </head>`);
      },
    },
    configResolved(config) {
      building = config.command === 'build';
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, output) {
      if (!building) return;
      const bundle = output as unknown as Record<string, ChunkLike>;
      // The app's first files come first: the worker's install fetches them while the log-in page waits.
      this.emitFile({ type: 'asset', fileName: boot.fileName, source: boot.source });
      const shell = new Set([boot.fileName, ...appFirstFiles(bundle)]);
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && (chunk.isEntry || chunk.facadeModuleId?.includes(OFFLINE))) closure(bundle, chunk.fileName, shell);
      }
      const assets = Object.keys(bundle).filter((name) => name.startsWith('assets/') && !name.endsWith('.map'));
      const build = crypto.createHash('sha256').update(assets.sort().join('\n')).digest('hex').slice(0, 12);
      const source = fs.readFileSync(path.resolve(import.meta.dirname, '../src/web/sw/service-worker.js'), 'utf8');
      const urls = (names: Iterable<string>) => JSON.stringify([...names].map((name) => `/${name}`));
      const constants = [
        `const BUILD = '${build}';`,
        `const SHELL = ${urls(shell)};`,
        `const ASSETS = ${urls(assets.sort())};`,
        `const LOGIN_PATH = ${JSON.stringify(LOGIN_PATH)};`,
        `const PUBLIC_APP_PATH = ${String(PUBLIC_APP_PATH)};`,
        `const SIGNED_IN_MARKER = ${JSON.stringify(SIGNED_IN_MARKER)};`,
      ];
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: `${constants.join('\n')}\n${source}` });
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: JSON.stringify(
          {
            name: 'Очаг',
            short_name: 'Очаг',
            description: 'Сопровождение семей',
            lang: 'ru',
            start_url: '/',
            scope: '/',
            display: 'standalone',
            theme_color: THEME_COLOR,
            background_color: BACKGROUND,
            icons: [
              ...ICON_SIZES.map((size) => ({
                src: `/icons/icon-${size}.png`,
                sizes: `${size}x${size}`,
                type: 'image/png',
                purpose: 'any',
              })),
              { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            ],
          },
          null,
          2,
        ),
      });
      for (const size of ICON_SIZES) this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: drawIcon(size, 0.12) });
      this.emitFile({ type: 'asset', fileName: 'icons/maskable-512.png', source: drawIcon(512, 0) });
      this.emitFile({ type: 'asset', fileName: 'icons/apple-touch-icon.png', source: drawIcon(180, 0) });
    },
    async closeBundle() {
      // A failed build still closes its bundle, with nothing written: let its own error speak.
      if (!building || !fs.existsSync(outDir)) return;
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (COMPRESSIBLE.test(entry.name) && fs.statSync(full).size >= 1024) files.push(full);
        }
      };
      walk(outDir);
      await Promise.all(
        files.map(async (file) => {
          const data = fs.readFileSync(file);
          const [br, gz] = await Promise.all([
            brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gzip(data, { level: 9 }),
          ]);
          fs.writeFileSync(`${file}.br`, br);
          fs.writeFileSync(`${file}.gz`, gz);
        }),
      );
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

// ---- the icon: a flame on the hearth's orange, drawn pixel by pixel -----------------------------

function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16)) as [number, number, number];
}

/** A flame shape in a unit square (x, y in 0..1): a teardrop pointing up. */
function inFlame(x: number, y: number): boolean {
  const cx = 0.5;
  const bottom = 0.78;
  const r = 0.2;
  const cy = bottom - r;
  if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return true;
  // Above the circle, a point narrowing to the tip at y = 0.2, leaning slightly.
  if (y < cy && y >= 0.2) {
    const t = (cy - y) / (cy - 0.2);
    const half = r * (1 - t) ** 1.3;
    const centre = cx + 0.04 * Math.sin(t * Math.PI);
    return Math.abs(x - centre) <= half;
  }
  return false;
}

/** A square PNG: the theme colour (rounded corners when inset > 0) with a light flame. */
export function drawIcon(size: number, inset: number): Buffer {
  const [br, bg, bb] = hex(THEME_COLOR);
  const [fr, fg, fb] = hex(BACKGROUND);
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const radius = 0.22;
  for (let py = 0; py < size; py += 1) {
    const row = py * (size * 4 + 1);
    raw[row] = 0;
    for (let px = 0; px < size; px += 1) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      // Inside the (rounded) tile?
      const ix = Math.min(Math.max(x, inset + radius * (inset > 0 ? 1 : 0)), 1 - inset - radius * (inset > 0 ? 1 : 0));
      const iy = Math.min(Math.max(y, inset + radius * (inset > 0 ? 1 : 0)), 1 - inset - radius * (inset > 0 ? 1 : 0));
      const inTile = inset > 0 ? (x - ix) ** 2 + (y - iy) ** 2 <= radius ** 2 : true;
      // The flame is drawn smaller in a maskable icon's safe zone (inset 0 = full bleed).
      const scale = inset > 0 ? 1 : 0.8;
      const flame = inFlame((x - 0.5) / scale + 0.5, (y - 0.5) / scale + 0.5);
      const at = row + 1 + px * 4;
      if (!inTile) raw.fill(0, at, at + 4);
      else if (flame) raw.set([fr, fg, fb, 255], at);
      else raw.set([br, bg, bb, 255], at);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
