import 'server-only';
import { db, sql } from '@/lib/db/client';
import { hashToken, TOKEN_PREFIX } from './token-secret';

type TokenRow = { tokenId: string; lastUsedAt: Date | null; id: string; name: string; email: string };

/**
 * The owner of a live token, or null. A revoked token stops working at once.
 * Raw SQL: this runs on every API call made with a token.
 */
export async function findTokenUser(token: string) {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await sql<TokenRow>`
    SELECT t.id AS "tokenId", t."lastUsedAt", u.id, u.name, u.email
      FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
     WHERE t."tokenHash" = ${hashToken(token)} AND t."revokedAt" IS NULL`;
  if (!row) return null;
  // Cheap "last used" bookkeeping: at most one write per token per minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, name: row.name, email: row.email };
}
