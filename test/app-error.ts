import { expect } from 'vitest';
import { AppError } from '@/lib/errors';
import type { Caller } from '@/lib/auth/caller';

/** A test user acting through the API. */
export const as = (u: { id: string; name: string; email: string }): Caller => ({ ...u, via: 'token' });

/** Awaits `p`, expects it to fail with an AppError of `code`, and returns the error. */
export async function expectAppError(p: Promise<unknown>, code: AppError['code']) {
  const error = await p.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
