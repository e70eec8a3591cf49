// What the build adds to the web app for phones on a weak connection (issue 19, point 1):
// - the service worker (src/web/sw/service-worker.js) with the list of this build's files;
// - the web app manifest («Очаг», theme colour) and its icons, drawn here as PNG (no binary in git);
// - every script, style and page prepared as Brotli and gzip next to it, which the server sends by
//   the browser's Accept-Encoding (src/server/http/app.ts, @fastify/static preCompressed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

export const THEME_COLOR = '#c2410c';
const BACKGROUND = '#fff7ed';
const ICON_SIZES = [192, 512] as const;

const COMPRESSIBLE = /\.(js|css|html|webmanifest|json|svg)$/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/** The file names a chunk needs before it runs: itself, its static imports, their styles. */
function closure(bundle: Record<string, ChunkLike>, start: string, into: Set<string>): void {
  if (into.has(start)) return;
  into.add(start);
  const chunk = bundle[start];
  if (!chunk || chunk.type !== 'chunk') return;
  for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(bundle, imported, into);
}

export function webAppPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'hearth-web-app',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, output) {
      const bundle = output as unknown as Record<string, ChunkLike>;
      const shell = new Set<string>();
      for (const chunk of Object.values(bundle)) {
        // The entry, and the offline pages, so a visit can be recorded after opening the app with no network.
        if (chunk.type === 'chunk' && (chunk.isEntry || chunk.facadeModuleId?.includes('/src/web/offline/')))
          closure(bundle, chunk.fileName, shell);
      }
      const assets = Object.keys(bundle).filter((name) => name.startsWith('assets/') && !name.endsWith('.map'));
      const build = crypto.createHash('sha256').update(assets.sort().join('\n')).digest('hex').slice(0, 12);
      const source = fs.readFileSync(path.resolve(import.meta.dirname, '../src/web/sw/service-worker.js'), 'utf8');
      const urls = (names: Iterable<string>) => JSON.stringify([...names].map((name) => `/${name}`).sort());
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const BUILD = '${build}';\nconst SHELL = ${urls(shell)};\nconst ASSETS = ${urls(assets)};\n${source}`,
      });
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
      if (!fs.existsSync(outDir)) return;
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
