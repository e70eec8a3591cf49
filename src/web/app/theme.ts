// One theme: warm accent (a hearth), system fonts only — nothing is loaded from another host.
import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'orange',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Capitals make Cyrillic role names long and shouty; a badge in a table keeps its whole text.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { label: { overflow: 'visible' } } }),
  },
});
