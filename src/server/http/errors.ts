// The one error type routes throw. Its kind decides the status; its id is a catalog key the
// response message is translated from, so the client gets words in its own language.
import type { ErrorKind, FieldError } from '../../domain/errors.js';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly id: string = `errors.${kind}`,
    readonly params: Record<string, unknown> = {},
    readonly fields?: FieldError[],
  ) {
    super(id);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = (id = 'errors.forbidden') => new AppError('forbidden', id);
export const conflict = (id = 'errors.conflict', params: Record<string, unknown> = {}) => new AppError('conflict', id, params);
export const businessRule = (id: string, params: Record<string, unknown> = {}) => new AppError('business_rule', id, params);
export const unauthenticated = (id = 'errors.unauthenticated') => new AppError('unauthenticated', id);
export const rateLimited = (id = 'errors.rate_limited') => new AppError('rate_limited', id);

/** A validation error on one field, for rules that Zod alone cannot check (e.g. needs the database). */
export function invalidField(path: string, code: string, message: string, params: Record<string, unknown> = {}): AppError {
  return new AppError('validation', 'errors.validation', {}, [{ path, code, params, message }]);
}
