// Server state. A 401 from any request means the session ended (idle timeout, deactivation,
// password change elsewhere): the session is dropped and the login page appears.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { isApiError } from './api.js';
import { i18n } from './i18n.js';

export const SESSION_KEY = ['session'] as const;

function onError(error: unknown): void {
  if (!isApiError(error, 'unauthenticated') || queryClient.getQueryData(SESSION_KEY) == null) return;
  queryClient.setQueryData(SESSION_KEY, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  notifications.show({ color: 'yellow', message: i18n.t('auth.sessionExpired') });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors will not fix themselves by retrying; a network blip might.
      retry: (count, error) => count < 2 && isApiError(error, 'network'),
    },
    mutations: { retry: false },
  },
});
