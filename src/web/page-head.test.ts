// The two pages (the app and the stand-alone log-in page) share one head — character set, viewport,
// theme colour, manifest, icons — written once in the build (scripts/vite-web-plugin.ts, PAGE_HEAD):
// each page holds only the marker, and the built pages carry the same head.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_HEAD, PAGE_HEAD_MARKER, THEME_COLOR, withPageHead } from '../../scripts/vite-web-plugin.js';

const PAGES = ['index.html', 'login.html'];
const source = (page: string) => fs.readFileSync(path.resolve(import.meta.dirname, page), 'utf8');
const DIST = path.resolve(import.meta.dirname, '../../dist/web');
const built = PAGES.every((page) => fs.existsSync(path.join(DIST, page)));

describe('the head both pages share', () => {
  it.each(PAGES)('%s holds the marker once and none of the shared tags itself', (page) => {
    const html = source(page);
    expect(html.split(PAGE_HEAD_MARKER)).toHaveLength(2);
    for (const tag of ['charset', 'name="viewport"', 'theme-color', 'rel="manifest"', 'rel="icon"', 'apple-touch-icon'])
      expect(html, `${page}: ${tag}`).not.toContain(tag);
  });

  it('is put in place of the marker at its indent, the character set first; a page without it fails the build', () => {
    const page = `<html>\n  <head>\n    ${PAGE_HEAD_MARKER}\n    <title>x</title>\n  </head>\n</html>`;
    const done = withPageHead(page, 'page.html');
    expect(done).toBe(`<html>\n  <head>\n    ${PAGE_HEAD.join('\n    ')}\n    <title>x</title>\n  </head>\n</html>`);
    expect(PAGE_HEAD[0]).toBe('<meta charset="UTF-8" />');
    expect(PAGE_HEAD.join('')).toContain(`content="${THEME_COLOR}"`);
    expect(() => withPageHead('<html><head><title>x</title></head></html>', 'other.html')).toThrow(/other\.html must have/);
    expect(() => withPageHead(`${page}${PAGE_HEAD_MARKER}`, 'twice.html')).toThrow(/twice\.html must have/);
  });

  it.skipIf(!built)('is the same in both built pages (node scripts/build-web.mjs)', () => {
    for (const page of PAGES) {
      const html = fs.readFileSync(path.join(DIST, page), 'utf8');
      const head = html.slice(html.indexOf('<head>') + '<head>'.length, html.indexOf('<title>'));
      expect(
        head
          .trim()
          .split('\n')
          .map((line) => line.trim()),
        page,
      ).toEqual(PAGE_HEAD);
    }
  });
});
