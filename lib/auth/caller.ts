import 'server-only';
import { headers } from 'next/headers';
import { auth } from './config';
import { findSessionUser } from './user-session';
import { findTokenUser } from '@/lib/tokens/verify-token';
import { AppError } from '@/lib/errors';

export type Caller = { id: string; name: string; email: string; via: 'session' | 'token' };

/**
 * Who is calling: a Bearer API token, else the browser session. Every entry
 * point (page, route handler, server action) starts here; middleware is never
 * relied on.
 */
export async function getCaller(): Promise<Caller | null> {
  const h = await headers();
  const authorization = h.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return null;
    const user = await findTokenUser(match[1]);
    return user ? { ...user, via: 'token' } : null;
  }
  const session = await auth();
  const token = session as unknown as { user?: { id?: string } } | null;
  const userId = token?.user?.id;
  const sid = (session as unknown as { sid?: string })?.sid;
  if (!userId || !sid) return null;
  const user = await findSessionUser(sid, userId);
  return user ? { ...user, via: 'session' } : null;
}

export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) throw new AppError('UNAUTHORIZED', 'Sign in or send a valid API token');
  return caller;
}
