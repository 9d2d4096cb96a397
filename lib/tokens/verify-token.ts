import 'server-only';
import { db } from '@/lib/db/client';
import { hashToken, TOKEN_PREFIX } from './token-secret';

/** The owner of a live token, or null. A revoked token stops working at once. */
export async function findTokenUser(token: string) {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!row || row.revokedAt) return null;
  // Cheap "last used" bookkeeping: at most one write per token per minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.user;
}
