import 'server-only';
import { ZodError } from 'zod';
import { AppError } from '@/lib/errors';
import { isDatabaseUnavailable, isPrismaError } from '@/lib/db/prisma-error';

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export function zodFields(error: ZodError): Record<string, string> {
  // No prototype: a client's unknown key "__proto__" or "constructor" must be named like any other.
  const fields: Record<string, string> = Object.create(null);
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(body)');
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The one place an error becomes an HTTP answer. */
export function errorResponse(error: unknown): Response {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (error instanceof ZodError) appError = new AppError('BAD_REQUEST', 'The request is not valid', zodFields(error));
  else if (isPrismaError(error, 'P2002')) appError = new AppError('CONFLICT', 'That already exists');
  else if (isPrismaError(error, 'P2025')) appError = new AppError('NOT_FOUND', 'Not found');
  else if (isDatabaseUnavailable(error)) {
    console.error('[api] database unavailable', error);
    appError = new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable for a moment; nothing was saved. Try again.');
  } else if (isClientAbort(error)) {
    // The client hung up while we read its body: nobody is left to answer.
    appError = new AppError('BAD_REQUEST', 'The request was aborted by the client');
  } else {
    console.error('[api] unexpected error', error);
    appError = new AppError('INTERNAL', 'Something went wrong on our side');
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, ...(appError.fields && { fields: appError.fields }) } };
  const headers = appError.code === 'SERVICE_UNAVAILABLE' ? { 'Retry-After': '1' } : undefined;
  return Response.json(body, { status: appError.status, headers });
}

function isClientAbort(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return !!e && (e.code === 'ECONNRESET' || e.message === 'aborted');
}
