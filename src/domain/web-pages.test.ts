import { describe, expect, it } from 'vitest';
import { LOGIN_PATH, pageFor, safeReturnPath } from './web-pages.js';

describe('pageFor', () => {
  it('gives the app to someone signed in and the log-in page to anyone else', () => {
    expect(pageFor('/', true)).toBe('app');
    expect(pageFor('/cases/1', true)).toBe('app');
    expect(pageFor('/', false)).toBe('login');
    expect(pageFor('/cases/1', false)).toBe('login');
  });

  it('always gives the log-in page at its own address, and the app at its file and public pages', () => {
    expect(pageFor(LOGIN_PATH, true)).toBe('login');
    expect(pageFor('/login.html', true)).toBe('login');
    expect(pageFor('/index.html', false)).toBe('app');
    expect(pageFor('/apply/volunteer/moscow', false)).toBe('app');
  });
});

describe('safeReturnPath', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeReturnPath('/cases/6f1c?tab=plan#tasks')).toBe('/cases/6f1c?tab=plan#tasks');
    expect(safeReturnPath('/admin/users')).toBe('/admin/users');
    expect(safeReturnPath('/')).toBe('/');
  });

  it('gives the home page for nothing, another host, a scheme or a broken address', () => {
    for (const raw of [
      null,
      undefined,
      '',
      'cases',
      '//evil.example/cases',
      '/\\evil.example',
      '/\\/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\tjavascript:alert(1)',
      '/\n/evil.example',
      `/${'a'.repeat(2001)}`,
    ])
      expect(safeReturnPath(raw), String(raw)).toBe('/');
    // An encoded character is just part of a path here.
    expect(safeReturnPath('/families?q=%0a')).toBe('/families?q=%0a');
  });

  it('never returns to the log-in page itself or the API', () => {
    expect(safeReturnPath('/login?next=/login')).toBe('/');
    expect(safeReturnPath('/login.html')).toBe('/');
    expect(safeReturnPath('/api/auth/me')).toBe('/');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeReturnPath('/cases/../admin')).toBe('/admin');
    expect(safeReturnPath('/../../evil.example')).toBe('/evil.example');
  });
});
