import { AppError } from '@/lib/errors';
import type { Caller } from '@/lib/auth/caller';

/**
 * Stands in for lib/auth/caller.ts in tests that call route handlers directly:
 * `vi.mock('@/lib/auth/caller', () => import('../stub-caller'))`, then set
 * `auth.caller`. Cookies and tokens themselves are covered by the e2e tier.
 */
export const auth = { caller: null as Caller | null };

export const getCaller = async () => auth.caller;

export async function requireCaller(): Promise<Caller> {
  if (!auth.caller) throw new AppError('UNAUTHORIZED', 'Sign in or send a valid API token');
  return auth.caller;
}
