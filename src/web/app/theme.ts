// One theme: warm accent (a hearth), system fonts only — nothing is loaded from another host.
//
// Contrast (WCAG 2.1 AA, issue 19): Mantine's own palettes put white on a filled orange button at
// 2.6:1, orange links at 2.6:1, white on a green badge at 2.4:1 and the "dimmed" grey at 3.3:1. Here
// every palette keeps Mantine's light tints but its working shades are darkened until they pass
// (contrast.ts); the accent's working shades are a burnt orange chosen by hand (shade 6, #c2410c:
// 5.2:1 under white text and on white). tests/e2e/accessibility.test.ts checks every page with axe.
import {
  Badge,
  createTheme,
  Drawer,
  Modal,
  Notification,
  DEFAULT_THEME,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';
import { accessiblePalette } from './contrast.js';

const hearthOrange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#ff922b',
  '#c2410c',
  '#a63c06',
  '#8a3206',
  '#6f2a05',
];

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, palette]) => [name, name === 'dark' ? palette : accessiblePalette(palette)]),
) as Record<string, MantineColorsTuple>;

/** The theme in the interface's language: the close buttons of dialogs, drawers and notifications
 *  are named (an icon-only button has no name of its own). */
export const hearthTheme = (labels: { close: string }) =>
  createTheme({
    ...theme,
    components: {
      ...theme.components,
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': labels.close } } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': labels.close } } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': labels.close } } }),
    },
  });

export const theme = createTheme({
  primaryColor: 'orange',
  primaryShade: 6,
  colors: { ...colors, orange: hearthOrange },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Capitals make Cyrillic role names long and shouty; a badge in a table keeps its whole text.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { label: { overflow: 'visible' } } }),
  },
});

/** Secondary text that must still be read: 6.1:1 on white, 5.8:1 on the striped rows. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Placeholders (and FileInput's, which is text) at 4.7:1 rather than Mantine's 2.1:1.
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-placeholder': '#6c757d' },
  dark: {},
});
