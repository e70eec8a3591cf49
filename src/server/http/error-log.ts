// What an unexpected error leaves in the log (issue 11, defect 2). An error's message is not safe
// to log: Drizzle's says "Failed query: <statement> params: <values>" — a sensitive note's text,
// names, phones, e-mails, a password hash — and PostgreSQL's detail quotes the row's key. So the log
// gets the request id, the route's pattern (no ids, no query), the error's class and PostgreSQL
// code, the names of fields a response failed its contract on, and the stack's frames: where it
// happened, never with what. Nothing of the request body is ever logged.
import type { FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { pgErrorCode } from '../db/errors.js';

export interface ErrorRecord {
  /** The classes of the error and its causes, outermost first: DrizzleQueryError < DatabaseError. */
  errorClass: string;
  /** PostgreSQL's SQLSTATE, when the error came from the database. */
  code?: string;
  /** For a response that did not match its contract: the paths and issue codes, not the values. */
  issues?: string[];
  /** Stack frames only ("at function (file:line:column)"); the message line is left out. */
  stack: string[];
}

const MAX_FRAMES = 20;

function className(error: unknown): string {
  if (error instanceof Error) return error.constructor.name === 'Error' ? error.name : error.constructor.name;
  return typeof error;
}

/** The frames of a stack; a frame line names a function and a file position, never a value. */
function frames(stack: string | undefined): string[] {
  return (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim())
    .slice(0, MAX_FRAMES);
}

export function errorRecord(error: unknown): ErrorRecord {
  const classes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    classes.push(className(current));
    current = (current as { cause?: unknown }).cause;
  }
  const code = pgErrorCode(error);
  return {
    errorClass: classes.join(' < '),
    ...(code && { code }),
    ...(error instanceof ZodError && { issues: error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`) }),
    stack: frames(error instanceof Error ? error.stack : undefined),
  };
}

/** Logs an error the request could not recover from, with what identifies it and nothing it carried. */
export function logUnexpected(req: FastifyRequest, error: unknown): void {
  req.log.error(
    { requestId: req.id, method: req.method, route: req.routeOptions.url ?? 'unmatched', error: errorRecord(error) },
    'request failed',
  );
}

/**
 * One line for a failure outside a request (start-up, the command line). A database error is told by
 * its class and code only, since its message may quote a statement's values; our own errors keep
 * their message, which we wrote.
 */
export function errorLine(error: unknown): string {
  const record = errorRecord(error);
  const fromDatabase = record.code !== undefined || /Failed query|params:/i.test(error instanceof Error ? error.message : '');
  if (fromDatabase) return `${record.errorClass}${record.code ? ` (${record.code})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
