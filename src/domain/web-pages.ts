// Which page an address of the web app opens (issue 19, point 1): a visitor without a session gets the
// small log-in page (src/web/login.html, a few KB) instead of the app; public app pages (the volunteer
// application form) and the app's own file open for anyone. The server (src/server/http/app.ts) and
// the service worker (src/web/sw, given these by the build) decide by the same rules; the log-in page
// sends the user on to the address they asked for, checked by safeReturnPath.

/** The log-in page's own address; `?next=` names where to go after logging in. */
export const LOGIN_PATH = '/login';

/**
 * The service worker cannot read the session cookie (httpOnly), so the device keeps a note that
 * someone signed in here: written by the log-in page, kept or dropped by the worker as GET
 * /api/auth/me answers 200 or 401, gone with every cache at log-out. It holds nothing secret — the
 * server trusts only the cookie; a stale note costs one trip through the app to the log-in page.
 */
export const SIGNED_IN_MARKER = { cache: 'hearth-session', url: '/signed-in' } as const;

/** App pages that open without a session. */
export const PUBLIC_APP_PATH = /^\/apply\//;

export type WebPage = 'app' | 'login';

/** The page a navigation to `pathname` gets. */
export function pageFor(pathname: string, signedIn: boolean): WebPage {
  if (pathname === LOGIN_PATH || pathname === '/login.html') return 'login';
  if (pathname === '/index.html' || PUBLIC_APP_PATH.test(pathname)) return 'app';
  return signedIn ? 'app' : 'login';
}

/**
 * Where to go after logging in: a path of this site only. Anything else — another host
 * (`//evil.example`, `https://…`, `/\evil.example`), a scheme (`javascript:`), control characters,
 * the API, the log-in page itself — gives the home page.
 */
export function safeReturnPath(raw: string | null | undefined): string {
  const home = '/';
  if (!raw || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return home;
  // Browsers drop tabs and newlines from URLs and read a backslash as a slash: refuse them outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return home;
  const base = 'http://hearth.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return home;
  }
  if (url.origin !== base) return home;
  if (url.pathname === LOGIN_PATH || url.pathname === '/login.html' || url.pathname.startsWith('/api/')) return home;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Where the log-in page leaves the new session's permission codes for the app page's boot script,
 * which takes them (once) to ask for the first screen's data without waiting for the session's
 * answer: one round trip less on a slow link (src/web/app/first-requests.ts). Codes only, no names.
 */
export const FIRST_PERMISSIONS_KEY = 'hearth.first-permissions';
