import 'server-only';
import { db } from '@/lib/db/client';

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 7;

export async function startSession(userId: string): Promise<string> {
  const row = await db.userSession.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return row.id;
}

export async function endSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** The user of a live (not revoked, not expired) session, or null. */
export async function findSessionUser(sessionId: string, userId: string) {
  const row = await db.userSession.findFirst({
    where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return row?.user ?? null;
}
