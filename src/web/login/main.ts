// The stand-alone log-in page (issue 19, point 1): plain DOM, no React or Mantine, a few KB, so on a
// slow 3G phone it is usable in a couple of seconds. It does what the app's log-in did: e-mail and
// password, then the authenticator code when the account has one; the server's errors (wrong
// password, locked out, a field's message) in the chosen language, "no connection" from the page's
// own strings; Russian by default with an RU/EN switch remembered like the app's. After logging in it
// saves the language to the account when it differs, notes for the service worker that someone
// signed in here (SIGNED_IN_MARKER) and opens the page the user asked for — the address it was
// served at, or `/login?next=` checked by safeReturnPath. Second-factor enrolment and everything
// else continue in the app. Once usable, it registers the service worker, whose install fetches the
// app's first scripts while the user types (or, without one, prefetches them).
import messages from 'virtual:hearth-login-messages';
import type { Language } from '../../domain/i18n/languages.js';
import { FIRST_PERMISSIONS_KEY, LOGIN_PATH, safeReturnPath, SIGNED_IN_MARKER } from '../../domain/web-pages.js';
import type { LoginKey } from './keys.js';

/** The app reads the same key (src/web/app/i18n.ts). */
const STORAGE_KEY = 'hearth.language';
const LANGUAGES = Object.keys(messages) as Language[];

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as string[]).includes(value);
}

function rememberedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Private mode without storage: Russian.
  }
  return 'ru';
}

let language = rememberedLanguage();
const t = (key: LoginKey, params: Record<string, string> = {}) =>
  messages[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '');

// ---- the page ----------------------------------------------------------------------------------

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Node[]) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

interface Field {
  input: HTMLInputElement;
  label: HTMLLabelElement;
  error: HTMLElement;
  wrapper: HTMLElement;
  key: LoginKey;
}

function field(name: string, key: LoginKey, attributes: Record<string, string>): Field {
  const input = element('input', { id: name, name, required: '', 'aria-describedby': `${name}-error`, ...attributes });
  const label = element('label', { for: name });
  const error = element('p', { id: `${name}-error`, class: 'field-error', hidden: '' });
  const wrapper = element('div', { class: 'field' }, label, input, error);
  return { input, label, error, wrapper, key };
}

const email = field('email', 'auth.email', { type: 'email', autocomplete: 'username', spellcheck: 'false', autocapitalize: 'none' });
const password = field('password', 'auth.password', { type: 'password', autocomplete: 'current-password' });
const totp = field('totp', 'auth.totp', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6' });
const fields = { email, password, totp };
const totpHint = element('p', { class: 'notice', id: 'totp-hint' });
const totpStep = element('div', { class: 'totp', hidden: '' }, totpHint, totp.wrapper);
totp.input.setAttribute('aria-describedby', 'totp-hint totp-error');
const failure = element('div', { class: 'failure', role: 'alert', 'data-testid': 'login-error', hidden: '' });
const submitButton = element('button', { type: 'submit' });
const form = element(
  'form',
  { novalidate: '', 'aria-labelledby': 'title' },
  failure,
  email.wrapper,
  password.wrapper,
  totpStep,
  submitButton,
);

const switchGroup = document.getElementById('language')!;
const languageButtons = LANGUAGES.map((code) => {
  const button = element('button', { type: 'button', lang: code }, document.createTextNode(code.toUpperCase()));
  button.addEventListener('click', () => {
    language = code;
    try {
      localStorage.setItem(STORAGE_KEY, code);
    } catch {
      // Not remembered in private mode.
    }
    showTexts();
  });
  return button;
});
switchGroup.append(...languageButtons);

/** Every visible string, in the current language (typed values and the focus stay as they are). */
function showTexts(): void {
  document.documentElement.lang = language;
  document.title = `${t('auth.title')} · ${t('app.name')}`;
  document.getElementById('app-name')!.textContent = t('app.name');
  document.getElementById('tagline')!.textContent = t('app.tagline');
  document.getElementById('title')!.textContent = t('auth.title');
  switchGroup.setAttribute('aria-label', t('common.language'));
  for (const button of languageButtons) button.setAttribute('aria-pressed', String(button.lang === language));
  for (const { label, key } of Object.values(fields)) {
    label.replaceChildren(
      document.createTextNode(t(key)),
      element('span', { class: 'required', 'aria-hidden': 'true' }, document.createTextNode(' *')),
    );
  }
  totpHint.textContent = t('auth.totpRequired');
  submitButton.textContent = t('auth.login');
}

function setFieldError(target: Field, message: string | null): void {
  target.error.textContent = message ?? '';
  target.error.hidden = message === null;
  if (message === null) target.input.removeAttribute('aria-invalid');
  else target.input.setAttribute('aria-invalid', 'true');
}

function setFailure(message: string | null): void {
  failure.textContent = message ?? '';
  failure.hidden = message === null;
}

// ---- logging in --------------------------------------------------------------------------------

interface ErrorAnswer {
  error?: { id?: string; message?: string; fields?: Array<{ path: string; message: string }> };
}

interface SessionAnswer {
  me: { locale: string; permissions: string[] };
  csrfToken: string;
}

let pending = false;

function setPending(value: boolean): void {
  pending = value;
  submitButton.setAttribute('aria-busy', String(value));
}

/** Where to go once signed in: the address this page was served at, or `?next=` on /login. */
function returnPath(): string {
  if (location.pathname === LOGIN_PATH || location.pathname === '/login.html')
    return safeReturnPath(new URLSearchParams(location.search).get('next'));
  return safeReturnPath(`${location.pathname}${location.search}${location.hash}`);
}

async function markSignedIn(): Promise<void> {
  if (!('caches' in window)) return;
  const cache = await caches.open(SIGNED_IN_MARKER.cache);
  await cache.put(SIGNED_IN_MARKER.url, new Response('1'));
}

async function enterApp(session: SessionAnswer): Promise<void> {
  // The language picked here is the user's latest explicit choice: the account keeps it (as the app did).
  if (session.me.locale !== language) {
    await fetch('/api/auth/me/locale', {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'accept-language': language,
        'x-csrf-token': session.csrfToken,
      },
      credentials: 'same-origin',
      body: JSON.stringify({ locale: language }),
    }).catch(() => undefined);
  }
  await markSignedIn().catch(() => undefined);
  try {
    sessionStorage.setItem(FIRST_PERMISSIONS_KEY, JSON.stringify(session.me.permissions));
  } catch {
    // Without storage the app page asks for the session first, then for its data.
  }
  location.replace(returnPath());
}

function showTotpStep(): void {
  totpStep.hidden = false;
  totp.input.focus();
}

/** The server's refusal: on its field when it names one, otherwise above the form. */
function showRefusal(answer: ErrorAnswer | null): void {
  const error = answer?.error;
  if (typeof error?.message !== 'string') {
    setFailure(t('errors.internal', { requestId: '—' }));
    return;
  }
  if (error.id === 'auth.totpRequired') return showTotpStep();
  if (error.id === 'auth.totpInvalid') {
    setFieldError(totp, error.message);
    totp.input.focus();
    return;
  }
  const named = (error.fields ?? []).filter((item) => item.path in fields);
  if (named.length === 0 || named.length !== error.fields?.length) {
    setFailure(error.message);
    return;
  }
  for (const item of named) setFieldError(fields[item.path as keyof typeof fields], item.message);
  fields[named[0]!.path as keyof typeof fields].input.focus();
}

async function submit(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (pending) return;
  setFailure(null);
  for (const item of Object.values(fields)) setFieldError(item, null);
  const needTotp = !totpStep.hidden;
  const empty = [email, password, ...(needTotp ? [totp] : [])].filter((item) => item.input.value.trim() === '');
  if (empty.length > 0) {
    for (const item of empty) setFieldError(item, t('validation.required'));
    empty[0]!.input.focus();
    return;
  }
  const body = { email: email.input.value, password: password.input.value, ...(needTotp && { totp: totp.input.value.trim() }) };
  setPending(true);
  try {
    let response: Response;
    try {
      response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': language },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
    } catch {
      setFailure(t('errors.network'));
      return;
    }
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok && answer && typeof answer === 'object' && 'me' in answer) return await enterApp(answer as SessionAnswer);
    showRefusal(answer as ErrorAnswer | null);
  } finally {
    setPending(false);
  }
}

form.addEventListener('submit', (event) => void submit(event));
showTexts();
document.getElementById('form-slot')!.replaceWith(form);
email.input.focus();

// ---- after the page is usable ------------------------------------------------------------------

/** The app's first scripts (listed by the build in a meta tag), for a browser without a service worker. */
function prefetchApp(): void {
  const list = document.querySelector<HTMLMetaElement>('meta[name="hearth-prefetch"]')?.content ?? '';
  for (const href of list.split(' ').filter(Boolean)) document.head.append(element('link', { rel: 'prefetch', href }));
}

function afterUsable(): void {
  if (!import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator)) return prefetchApp();
  // A page the worker served (a return visit) may belong to someone already signed in whose note the
  // device lost: the app opens for them. Only at an app address — /login itself always shows the form.
  if (navigator.serviceWorker.controller && location.pathname !== LOGIN_PATH) {
    void fetch('/api/auth/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok || pending) return;
        await markSignedIn().catch(() => undefined);
        location.replace(returnPath());
      })
      .catch(() => undefined);
  }
  // The worker's install keeps the app's first scripts: they arrive while the user types.
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(prefetchApp);
}

if (document.readyState === 'complete') afterUsable();
else window.addEventListener('load', afterUsable, { once: true });
