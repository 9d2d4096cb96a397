import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { generateToken, hashToken } from './token-secret';

export type TokenDto = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const tokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function toDto(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenDto {
  return { ...row, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null };
}

/** Creates a token for a user; the secret is returned once and never stored. */
export async function createToken(userId: string, name: string): Promise<{ token: string; info: TokenDto }> {
  const token = generateToken();
  const row = await db.apiToken.create({
    data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) },
    select: tokenSelect,
  });
  return { token, info: toDto(row) };
}

export async function listTokens(userId: string): Promise<TokenDto[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, select: tokenSelect, orderBy: { createdAt: 'desc' } });
  return rows.map(toDto);
}

/** Revokes one of the user's tokens (by id or by its printed prefix). */
export async function revokeToken(userId: string, idOrPrefix: string): Promise<TokenDto> {
  const row = await db.apiToken.findFirst({
    where: { userId, OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }] },
    select: tokenSelect,
  });
  if (!row) throw new AppError('NOT_FOUND', 'Token not found');
  // Revoking twice keeps the first time: that is when it stopped working.
  if (row.revokedAt) return toDto(row);
  const updated = await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() }, select: tokenSelect });
  return toDto(updated);
}
