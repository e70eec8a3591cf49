// Providers around the app: Mantine (theme, dates in the UI language, notifications), server state,
// translations and the router.
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from './i18n.js';
import { queryClient } from './queryClient.js';
import { router } from './router.js';
import { cssVariablesResolver, theme } from './theme.js';

function Localized() {
  const { i18n: current } = useTranslation();
  return (
    <DatesProvider settings={{ locale: current.language, firstDayOfWeek: 1 }}>
      <RouterProvider router={router} />
    </DatesProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <Localized />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
