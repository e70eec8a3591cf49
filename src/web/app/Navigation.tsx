// The navbar: areas grouped in sections, filtered by the user's permissions.
import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { visibleSections } from './navigation.js';
import { useMe } from './session.js';

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return (
    <ScrollArea component="nav" aria-label={t('nav.menu')}>
      <Stack gap="md">
        {visibleSections(me.permissions).map((section) => (
          <Stack key={section.label ?? 'main'} gap={2} data-testid={`nav-section-${section.label ?? 'main'}`}>
            {section.label && (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                {t(section.label)}
              </Text>
            )}
            {section.items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                leftSection={<item.icon size={18} stroke={1.6} />}
                active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
                onClick={onNavigate}
              />
            ))}
          </Stack>
        ))}
      </Stack>
    </ScrollArea>
  );
}
