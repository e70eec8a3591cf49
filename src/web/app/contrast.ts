// Colour contrast by WCAG 2.1's formula, and Mantine palettes whose working shades pass it. Used by
// the theme: a palette's light tints (0–5: backgrounds, the light variant's fill) stay Mantine's, and
// its shades 6–9 (filled backgrounds under white text, coloured text on white or grey, the light
// variant's text on its tint) are darkened step by step until they read at AA (4.5:1).
import type { MantineColorsTuple } from '@mantine/core';

type Rgb = [number, number, number];

const toRgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const toHex = (rgb: Rgb) =>
  `#${rgb
    .map((x) =>
      Math.round(Math.min(255, Math.max(0, x)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

function luminance(hex: string): number {
  const [r, g, b] = toRgb(hex).map((x) => {
    const c = x / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two #rrggbb colours, 1–21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour, darkened 3 % at a time until `ok` holds. */
function darkenUntil(hex: string, ok: (candidate: string) => boolean): string {
  let rgb = toRgb(hex);
  for (let step = 0; step < 120 && !ok(toHex(rgb)); step++) rgb = rgb.map((x) => x * 0.97) as Rgb;
  return toHex(rgb);
}

const WHITE = '#ffffff';
/** The lightest grey a coloured text sits on (striped rows, grey cards). */
const GREY = '#f1f3f5';

export function accessiblePalette(palette: readonly string[]): MantineColorsTuple {
  const tints = palette.slice(0, 6);
  const s6 = darkenUntil(palette[6]!, (c) => contrast(WHITE, c) >= 4.7 && contrast(c, GREY) >= 4.5);
  const s7 = darkenUntil(palette[7]!, (c) => luminance(c) < luminance(s6) && contrast(WHITE, c) >= 5.5);
  const s8 = darkenUntil(palette[8]!, (c) => luminance(c) < luminance(s7) && contrast(WHITE, c) >= 6.5);
  const s9 = darkenUntil(palette[9]!, (c) => luminance(c) < luminance(s8) && tints.slice(0, 3).every((tint) => contrast(c, tint) >= 4.8));
  return [...tints, s6, s7, s8, s9] as unknown as MantineColorsTuple;
}
