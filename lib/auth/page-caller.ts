import 'server-only';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { getCaller, type Caller } from './caller';

/**
 * The caller, looked up once per page render: the workbench layout, the
 * page and its title each ask, and each lookup reads the session from the
 * database. Pages only: route handlers and server actions call getCaller
 * themselves (React's cache does not span their requests).
 */
const pageCaller = cache(getCaller);

/** For pages: the signed-in caller, or a redirect to the sign-in page. */
export async function requirePageCaller(next?: string): Promise<Caller> {
  const caller = await pageCaller();
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

/**
 * A page's title from its own data, for tabs that can be told apart. Read
 * as the page reads it (scoped to the caller); anyone who may not see the
 * object, or is signed out, gets the generic `fallback`. Pair it with a
 * React `cache` around the load so the page does not read twice.
 */
export async function titleFor(fallback: string, load: (caller: Caller) => Promise<string>): Promise<{ title: string }> {
  const caller = await pageCaller();
  if (!caller) return { title: fallback };
  return { title: await load(caller).catch(() => fallback) };
}
