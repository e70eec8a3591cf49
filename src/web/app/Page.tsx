// A page: its title (also the browser tab's) and its main actions.
import type { ReactNode } from 'react';
import { Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

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
  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2} data-testid="page-title">
          {title}
        </Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
