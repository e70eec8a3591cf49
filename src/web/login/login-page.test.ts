// The stand-alone log-in page's strings come from the shared catalogues in both languages, and its
// colours pass WCAG AA contrast like the app's theme.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loginMessages } from '../../../scripts/vite-web-plugin.js';
import { catalogs, LANGUAGES, translate } from '../../domain/i18n/index.js';
import { contrast } from '../app/contrast.js';
import { LOGIN_KEYS } from './keys.js';

describe('the log-in page strings', () => {
  it('are the shared catalogues’ own strings, in every language', () => {
    const messages = loginMessages();
    expect(Object.keys(messages).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES)
      for (const key of LOGIN_KEYS) {
        expect(messages[language][key], `${language} ${key}`).toBe(translate(language, key));
        expect(messages[language][key], `${language} ${key}`).not.toBe(key);
      }
    // Two languages really: the page would not switch if a string were the same in both.
    expect(messages.en['auth.login']).not.toBe(messages.ru['auth.login']);
    expect(catalogs.ru.auth.title).toBe(messages.ru['auth.title']);
  });
});

describe('the log-in page colours', () => {
  const html = fs.readFileSync(path.resolve(import.meta.dirname, '../login.html'), 'utf8');
  const colour = (name: string) => {
    const found = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`).exec(html)?.[1];
    if (!found) throw new Error(`login.html has no --${name}`);
    return found;
  };

  it.each([
    ['text', 'card'],
    ['text', 'page'],
    ['dimmed', 'card'],
    ['on-accent', 'accent'],
    ['on-accent', 'accent-dark'],
    ['danger', 'card'],
    ['danger', 'danger-tint'],
    ['info', 'info-tint'],
    ['accent', 'accent-tint'],
  ])('%s on %s reads at 4.5:1 or more', (text, background) => {
    expect(contrast(colour(text), colour(background))).toBeGreaterThanOrEqual(4.5);
  });

  it('draws the focus ring at 3:1 or more against the card (non-text contrast)', () => {
    expect(contrast(colour('accent'), colour('card'))).toBeGreaterThanOrEqual(3);
  });
});
