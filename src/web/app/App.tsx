// Providers around the app: Mantine (theme, dates in the UI language, notifications), server state,
// translations and the router.
import { useMemo, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from './i18n.js';
import { queryClient } from './queryClient.js';
import { router } from './router.js';
import { cssVariablesResolver, hearthTheme } from './theme.js';

function Localized() {
  const { i18n: current } = useTranslation();
  return (
    <DatesProvider settings={{ locale: current.language, firstDayOfWeek: 1 }}>
      <RouterProvider router={router} />
    </DatesProvider>
  );
}

/** Mantine with the theme in the interface's language (see hearthTheme). */
function Themed({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => hearthTheme({ close: t('common.close') }), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Themed>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <Localized />
        </QueryClientProvider>
      </Themed>
    </I18nextProvider>
  );
}
