import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { getCaller, type Caller } from './caller';

/** For pages: the signed-in caller, or a redirect to the sign-in page. */
export async function requirePageCaller(next?: string): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  return caller;
}

/** Runs a page's data load; "not found" (including other projects' ids) becomes the 404 page. */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound();
    throw e;
  }
}
