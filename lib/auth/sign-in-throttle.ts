import 'server-only';
import { db } from '@/lib/db/client';

/** At most this many failures per account, and per IP, within the window. */
export const SIGN_IN_MAX_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Whether another attempt is allowed for this account and IP, and if not,
 * how many seconds until the oldest counted failure leaves the window.
 */
export async function checkSignInAllowed(email: string, ip: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const recent = (where: { email: string } | { ip: string }) =>
    db.signInFailure.findMany({ where: { ...where, createdAt: { gt: since } }, orderBy: { createdAt: 'desc' }, take: SIGN_IN_MAX_FAILURES, select: { createdAt: true } });
  const [byEmail, byIp] = await Promise.all([recent({ email }), recent({ ip })]);
  const blocking = [byEmail, byIp].filter((rows) => rows.length >= SIGN_IN_MAX_FAILURES);
  if (blocking.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  // The window frees up when the oldest of the last N failures expires.
  const frees = Math.max(...blocking.map((rows) => rows[rows.length - 1].createdAt.getTime() + SIGN_IN_WINDOW_MS));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((frees - Date.now()) / 1000)) };
}

/** The client's IP as our own server sees it (first hop of X-Forwarded-For when behind a proxy). */
export function clientIp(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || 'local';
}

export async function recordSignInFailure(email: string, ip: string) {
  console.warn(`[auth] failed sign-in for ${JSON.stringify(email)} from ${ip}`);
  await db.signInFailure.create({ data: { email, ip } });
}

export async function clearSignInFailures(email: string) {
  await db.signInFailure.deleteMany({ where: { email } });
}
