// The signed-in user: who they are, what they may do, and the actions that change the session.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Session } from '../../domain/access/contracts.js';
import type { Permission } from '../../domain/access/permissions.js';
import type { Language } from '../../domain/i18n/index.js';
import { api, isApiError, setCsrfToken } from './api.js';
import { changeLanguage, currentLanguage } from './i18n.js';
import { SESSION_KEY } from './queryClient.js';
import { checkOwner, wipeOffline } from '../offline/vault.js';

/** The session, or null when nobody is signed in (GET /api/auth/me answers 401). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await api.auth.me();
        setCsrfToken(session.csrfToken);
        if (session.me.locale !== currentLanguage()) await changeLanguage(session.me.locale);
        // Another user's offline data on this device is wiped (issue 19, point 5).
        await checkOwner(session.me.id).catch(() => undefined);
        return session;
      } catch (error) {
        if (isApiError(error, 'unauthenticated')) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() outside a signed-in page');
  return data.me;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}

/** Stores a session the server just handed out (log-in, TOTP enrolment). */
export function useAcceptSession() {
  const client = useQueryClient();
  return (session: Session) => {
    setCsrfToken(session.csrfToken);
    client.setQueryData(SESSION_KEY, session);
  };
}

/**
 * The stand-alone log-in page: LOGIN_PATH of src/domain/web-pages.ts, written out here because an
 * import would make that module a chunk of its own, one more request for the log-in page.
 */
const LOGIN_PATH = '/login';

/**
 * Leaves the app for the log-in page (src/web/login), which comes back to this address (`?next=`,
 * checked there) unless `returnHere` is false.
 */
export function goToLogin(returnHere = true): void {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  window.location.replace(returnHere && here !== '/' ? `${LOGIN_PATH}?next=${encodeURIComponent(here)}` : LOGIN_PATH);
}

export function useLogout() {
  return useMutation({
    mutationFn: api.auth.logout,
    onSettled: async () => {
      // Log-out leaves nothing of the families on the device: the offline store and the cached pages go.
      await wipeOffline('logout').catch(() => undefined);
      setCsrfToken(null);
      goToLogin(false);
    },
  });
}

/** Switches the interface language; when signed in, saves it to the account. */
export function useSwitchLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (language: Language) => {
      await changeLanguage(language);
      const session = client.getQueryData<Session | null>(SESSION_KEY);
      if (!session) return;
      client.setQueryData<Session>(SESSION_KEY, { ...session, me: { ...session.me, locale: language } });
      await api.auth.setLocale(language);
    },
  });
}
