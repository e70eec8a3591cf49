// The few named kinds of error Hearth answers with, and their HTTP status. Shared with the web,
// which reads `kind` and `fields` to show the message next to the right field.
import { z } from 'zod';

export const ERROR_STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  business_rule: 422,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorKind = keyof typeof ERROR_STATUS;

export const FieldError = z.object({
  /** Dotted path of the field, e.g. "members.0.birthDate". */
  path: z.string(),
  /** Message key in the catalog (validation.*), with its parameters. */
  code: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const ErrorBody = z.object({
  error: z.object({
    kind: z.enum(Object.keys(ERROR_STATUS) as [ErrorKind, ...ErrorKind[]]),
    /** Stable message id (errors.*), for the UI to translate. */
    id: z.string(),
    message: z.string(),
    fields: z.array(FieldError).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
