// Forms validate with the same Zod schema as the server route, and show the server's field errors
// next to the same fields. Messages come from the shared catalog in the current language.
import type { z } from 'zod';
import type { UseFormReturnType } from '@mantine/form';
import type { FieldError } from '../../domain/errors.js';
import { fieldIssues, hostileTextIssues } from '../../domain/validation.js';
import { isApiError } from './api.js';
import { i18n } from './i18n.js';

type Errors = Record<string, string>;

/** Field errors of Zod issues, in the interface's language (from the loaded catalog). */
export function localFieldErrors(issues: Parameters<typeof fieldIssues>[0]): FieldError[] {
  return fieldIssues(issues).map((field) => ({ ...field, message: String(i18n.t(field.code as never, { ...field.params } as never)) }));
}

function firstPerPath(list: { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const { path, message } of list) errors[path] ??= message;
  return errors;
}

/**
 * A Mantine `validate` function from a Zod schema. `toInput` turns the form's values (strings from
 * inputs, '' for empty numbers) into what the API takes.
 */
export function schemaValidator<V, S extends z.ZodType>(schema: S, toInput: (values: V) => unknown = (values) => values) {
  return (values: V): Errors => {
    const input = toInput(values);
    const result = schema.safeParse(input);
    // A pasted NUL or broken character is named here as the server would name it, before any request.
    const issues = [...hostileTextIssues(input), ...(result.success ? [] : result.error.issues)];
    return firstPerPath(localFieldErrors(issues));
  };
}

/**
 * Puts the server's field errors on the form's fields. Returns true when every field error found its
 * field; otherwise the caller shows the error message as a whole.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function showFieldErrors(form: UseFormReturnType<any>, error: unknown): boolean {
  if (!isApiError(error) || error.fields.length === 0) return false;
  const known = error.fields.filter((field) => field.path.split('.')[0]! in form.getValues());
  form.setErrors(firstPerPath(known));
  return known.length === error.fields.length;
}
