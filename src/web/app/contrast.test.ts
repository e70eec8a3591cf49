import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { accessiblePalette, contrast } from './contrast.js';
import { theme } from './theme.js';

describe('contrast', () => {
  it('follows WCAG 2.1: black on white is 21:1, Mantine orange under white text 2.6:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#fd7e14')).toBeCloseTo(2.57, 2);
  });

  it('darkens the working shades of every palette until they pass AA, keeping the tints', () => {
    for (const [name, palette] of Object.entries(DEFAULT_THEME.colors)) {
      if (name === 'dark') continue;
      const fixed = accessiblePalette(palette);
      expect(fixed.slice(0, 6), name).toEqual(palette.slice(0, 6));
      expect(contrast('#ffffff', fixed[6]), `${name} 6 under white`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(fixed[6], '#f1f3f5'), `${name} 6 on grey`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(fixed[9], fixed[1]), `${name} 9 on its tint`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives the theme an accent that carries white text and reads as a link', () => {
    const orange = theme.colors!.orange!;
    expect(contrast('#ffffff', orange[6])).toBeGreaterThanOrEqual(4.5);
    expect(contrast(orange[9], orange[1])).toBeGreaterThanOrEqual(4.5);
  });
});
