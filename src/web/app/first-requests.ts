// The API requests a first screen makes before it can show anything (issue 19: the case list after
// log-in within 4 s on slow 3G). The boot script (src/web/boot/boot.js, built with this table by
// scripts/vite-web-plugin.ts) sends them the moment the app's page is parsed, while its ~350 KB of
// scripts are still arriving; the app then takes those answers instead of asking again
// (src/web/app/early.ts). Without it the requests waited for every script, then for the session,
// then for the page's own chunk: three waterfalls of 400 ms round trips on a phone.
//
// Each URL must be exactly what the page asks for (src/web/app/api.ts builds it), and a request is
// sent only when the session's permissions are those the page needs to ask at all, so nobody gets
// a 403 the page would not have caused. The log-in page's browser test (tests/e2e/login-page.test.ts) checks that each is
// asked once (a URL that drifted from the page's would be asked twice).

/** The case list's page size, shared with src/web/cases/CasesPage.tsx. */
export const CASE_PAGE_SIZE = 25;

export interface FirstRequest {
  url: string;
  /** Sent only when the signed-in user has it (as the page's own query is enabled only then). */
  permission?: string;
}

/** By the page's path, without a query string (a filtered list asks for what its filters say). */
export const FIRST_REQUESTS: Record<string, FirstRequest[]> = {
  '/cases': [
    { url: `/api/cases?pageSize=${CASE_PAGE_SIZE}`, permission: 'cases.read' },
    { url: '/api/programmes' },
    { url: '/api/branches' },
    { url: '/api/staff', permission: 'referrals.read' },
  ],
  '/': [{ url: '/api/branches', permission: 'branches.read' }],
};

/** Every page asks for the session first. */
export const SESSION_URL = '/api/auth/me';

/** Answers older than this are not used: the page asks again. */
export const EARLY_MAX_AGE_MS = 30_000;

/** Where the interface language is remembered on the device (the boot script asks in it). */
export const LANGUAGE_STORAGE_KEY = 'hearth.language';

/** Where the boot script leaves its answers for the app. */
export const EARLY_GLOBAL = '__hearthEarly';
