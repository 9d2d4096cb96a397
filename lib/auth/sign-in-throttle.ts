import 'server-only';
import { db } from '@/lib/db/client';

/** At most this many failures per account, and per IP, within the window. */
export const SIGN_IN_MAX_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export async function checkSignInAllowed(email: string, ip: string) {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.signInFailure.count({ where: { email, createdAt: { gt: since } } }),
    db.signInFailure.count({ where: { ip, createdAt: { gt: since } } }),
  ]);
  return { allowed: byEmail < SIGN_IN_MAX_FAILURES && byIp < SIGN_IN_MAX_FAILURES };
}

export async function recordSignInFailure(email: string, ip: string) {
  console.warn(`[auth] failed sign-in for ${JSON.stringify(email)} from ${ip}`);
  await db.signInFailure.create({ data: { email, ip } });
}

export async function clearSignInFailures(email: string) {
  await db.signInFailure.deleteMany({ where: { email } });
}
