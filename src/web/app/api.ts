// The typed API client. Every answer is parsed with the shared Zod contract of its route, so the
// web never trusts a shape it did not declare. Writes carry the CSRF token of the session; creates
// carry an Idempotency-Key; every request says which language the answer's messages should be in.
import { z } from 'zod';
import type {
  BranchInput,
  BranchUpdateInput,
  LoginInput,
  OrganizationUpdateInput,
  PasswordChangeInput,
  ProgrammeInput,
  ProgrammeUpdateInput,
  RoleCreateInput,
  RoleUpdateInput,
  TotpCodeInput,
  UserCreateInput,
  UserListQuery,
  UserUpdateInput,
} from '../../domain/access/contracts.js';
import {
  BranchView,
  Ok,
  OrganizationView,
  ProgrammeView,
  RoleView,
  Session,
  TotpEnrolment,
  UserList,
  UserView,
} from '../../domain/access/contracts.js';
import type { AuditQuery } from '../../domain/audit/contracts.js';
import { AuditList } from '../../domain/audit/contracts.js';
import { ErrorBody, type ErrorKind, type FieldError } from '../../domain/errors.js';
import type { Language } from '../../domain/i18n/index.js';
import { takeEarly } from './early.js';
import { currentLanguage, i18n } from './i18n.js';

/** A failed request: the server's error kind, stable id and message (already in the UI language). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ErrorKind | 'network',
    readonly id: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly requestId = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, kind?: ApiError['kind']): error is ApiError {
  return error instanceof ApiError && (kind === undefined || error.kind === kind);
}

// The session's CSRF token lives in memory only: it comes with the login answer and GET /api/auth/me.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** The CSRF header for a write sent with fetch directly (a download through POST). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** A fresh key for one create; crypto.getRandomValues works on plain-http LAN installs too. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestOptions<T> {
  response: z.ZodType<T>;
  body?: unknown;
  query?: Record<string, unknown>;
  idempotencyKey?: string;
}

function withQuery(path: string, query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value as string | number | boolean));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function request<T>(method: Method, path: string, options: RequestOptions<T>): Promise<T> {
  const language: Language = currentLanguage();
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const url = withQuery(path, options.query);
  const send = () =>
    fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  let response: Response;
  try {
    // The first screen's answers may already be on their way (the boot script, early.ts).
    const early = method === 'GET' ? takeEarly(url, language) : undefined;
    response = early ? await early.catch(send) : await send();
  } catch {
    throw new ApiError(0, 'network', 'errors.network', i18n.t('errors.network'));
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(data);
    if (parsed.success) {
      const { kind, id, message, fields, requestId } = parsed.data.error;
      throw new ApiError(response.status, kind, id, message, fields ?? [], requestId);
    }
    throw new ApiError(response.status, 'internal', 'errors.internal', i18n.t('errors.internal', { requestId: '—' }));
  }
  return options.response.parse(data);
}

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const api = {
  auth: {
    me: () => request('GET', '/api/auth/me', { response: Session }),
    login: (body: z.input<typeof LoginInput>) => request('POST', '/api/auth/login', { response: Session, body }),
    logout: () => request('POST', '/api/auth/logout', { response: Ok }),
    setLocale: (locale: Language) => request('PUT', '/api/auth/me/locale', { response: Ok, body: { locale } }),
    changePassword: (body: z.input<typeof PasswordChangeInput>) => request('POST', '/api/auth/password', { response: Ok, body }),
    totpSetup: () => request('POST', '/api/auth/totp/setup', { response: TotpEnrolment }),
    totpEnable: (body: z.input<typeof TotpCodeInput>) => request('POST', '/api/auth/totp/enable', { response: Session, body }),
    totpDisable: (body: z.input<typeof TotpCodeInput>) => request('POST', '/api/auth/totp/disable', { response: Ok, body }),
  },
  users: {
    list: (query: z.input<typeof UserListQuery>) => request('GET', '/api/users', { response: UserList, query }),
    get: (id: string) => request('GET', `/api/users/${id}`, { response: UserView }),
    create: (body: z.input<typeof UserCreateInput>, idempotencyKey: string) =>
      request('POST', '/api/users', { response: UserView, body, idempotencyKey }),
    update: (id: string, body: z.input<typeof UserUpdateInput>) => request('PUT', `/api/users/${id}`, { response: UserView, body }),
    resetPassword: (id: string, password: string) => request('POST', `/api/users/${id}/password`, { response: Ok, body: { password } }),
    resetTotp: (id: string) => request('POST', `/api/users/${id}/totp-reset`, { response: Ok }),
  },
  roles: {
    list: () => request('GET', '/api/roles', { response: Items(RoleView) }),
    create: (body: z.input<typeof RoleCreateInput>, idempotencyKey: string) =>
      request('POST', '/api/roles', { response: RoleView, body, idempotencyKey }),
    update: (code: string, body: z.input<typeof RoleUpdateInput>) => request('PUT', `/api/roles/${code}`, { response: RoleView, body }),
    remove: (code: string, version: number) => request('DELETE', `/api/roles/${code}`, { response: Ok, query: { version } }),
  },
  branches: {
    list: () => request('GET', '/api/branches', { response: Items(BranchView) }),
    create: (body: z.input<typeof BranchInput>, idempotencyKey: string) =>
      request('POST', '/api/branches', { response: BranchView, body, idempotencyKey }),
    update: (id: string, body: z.input<typeof BranchUpdateInput>) => request('PUT', `/api/branches/${id}`, { response: BranchView, body }),
  },
  programmes: {
    list: () => request('GET', '/api/programmes', { response: Items(ProgrammeView) }),
    create: (body: z.input<typeof ProgrammeInput>, idempotencyKey: string) =>
      request('POST', '/api/programmes', { response: ProgrammeView, body, idempotencyKey }),
    update: (id: string, body: z.input<typeof ProgrammeUpdateInput>) =>
      request('PUT', `/api/programmes/${id}`, { response: ProgrammeView, body }),
  },
  organization: {
    get: () => request('GET', '/api/organization', { response: OrganizationView }),
    update: (body: z.input<typeof OrganizationUpdateInput>) => request('PUT', '/api/organization', { response: OrganizationView, body }),
  },
  audit: {
    list: (query: z.input<typeof AuditQuery>) => request('GET', '/api/audit', { response: AuditList, query }),
  },
};
