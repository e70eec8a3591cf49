// A page: its title (the page's one h1, also the browser tab's title) and its main actions.
import { useEffect, useRef, type ReactNode } from 'react';
import { Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** Pages mounted since the app loaded (the first one does not move the focus). */
let pagesShown = 0;

interface Props {
  title: string;
  /** The browser tab's title when it should differ from the heading. */
  documentTitle?: string;
  actions?: ReactNode;
  children: ReactNode;
}

export function Page({ title, documentTitle, actions, children }: Props) {
  const { t } = useTranslation();
  useDocumentTitle(`${documentTitle ?? title} · ${t('app.name')}`);
  const heading = useRef<HTMLHeadingElement>(null);
  // A page reached by a link takes the focus to its heading, so a keyboard or screen-reader user
  // starts where the page starts instead of on the menu link just followed (or on nothing, when the
  // link is gone). The first page after loading leaves the focus at the top, where the skip link is
  // the first stop; a field the page focuses itself (a search box) keeps it: that effect ran first.
  useEffect(() => {
    const first = pagesShown++ === 0;
    const active = document.activeElement;
    const lost = !active || active === document.body;
    if ((lost && !first) || (!lost && !active.closest('main'))) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1} size="h2" data-testid="page-title" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
