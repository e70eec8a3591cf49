// The signed-in frame: a skip link, the header with the burger (phones), language switch and user
// menu; the navbar by area; the page.
import type { ReactNode } from 'react';
import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Navigation } from './Navigation.js';
import { UserMenu } from './UserMenu.js';
import classes from './Shell.module.css';

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the "sm" breakpoint (a phone, or a desktop at 200 % zoom) the closed menu is only moved off
  // screen; `inert` takes it out of the tab order and from screen readers until the burger opens it.
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const menuHidden = phone && !opened;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className={classes.skip}>
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.menu')}
              aria-expanded={opened}
              aria-controls="navbar"
            />
            <Brand />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="navbar" inert={menuHidden} aria-hidden={menuHidden || undefined}>
        <Navigation onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
