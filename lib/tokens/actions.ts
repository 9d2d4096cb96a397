'use server';
import { revalidatePath } from 'next/cache';
import { requireCaller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { findUnstorableField } from '@/lib/api/unstorable-text';
import { createToken, revokeToken } from './manage-tokens';
import { tokenName } from './schema';

export type CreateTokenState = { error?: string; created?: { token: string; name: string } };
export type RevokeTokenState = { error?: string; revoked?: string };

const TOKENS_PAGE = '/account/tokens';

/**
 * The tokens page's create form. A server action is its own POST endpoint, so
 * it resolves the caller itself; a token is always the caller's own. The
 * secret is in the answer once and stored only as its hash.
 */
export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  try {
    const caller = await requireCaller();
    if (findUnstorableField(form)) return { error: 'The name is not valid' };
    const name = tokenName.safeParse(form.get('name') ?? '');
    if (!name.success) return { error: name.error.issues[0]?.message ?? 'The name is not valid' };
    const { token, info } = await createToken(caller.id, name.data);
    revalidatePath(TOKENS_PAGE);
    return { created: { token, name: info.name } };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

/** Revokes one of the caller's tokens; anyone else's reads as not found. */
export async function revokeTokenAction(_prev: RevokeTokenState, form: FormData): Promise<RevokeTokenState> {
  try {
    const caller = await requireCaller();
    const tokenId = String(form.get('tokenId') ?? '');
    if (!tokenId || findUnstorableField(form)) return { error: 'Token not found' };
    const token = await revokeToken(caller.id, tokenId);
    revalidatePath(TOKENS_PAGE);
    return { revoked: token.id };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
