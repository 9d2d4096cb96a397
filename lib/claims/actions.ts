'use server';
import { revalidatePath } from 'next/cache';
import { requireCaller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { findUnstorableField } from '@/lib/api/unstorable-text';
import { renameClaimInput } from './schema';
import { renameClaim } from './rename-claim';

export type RenameClaimState = { error?: string; saved?: { text: string; verdict: string | null; verdictNote: string | null; version: number } };

/**
 * The claim page's rename form. A server action is its own POST endpoint, so
 * it resolves the caller itself and goes through the same domain function as
 * PATCH /api/v1/claims/{id} (permissions, optimistic version check).
 */
export async function renameClaimAction(_prev: RenameClaimState, form: FormData): Promise<RenameClaimState> {
  try {
    const caller = await requireCaller();
    const unstorable = findUnstorableField(form);
    if (unstorable) return { error: `The ${unstorable} field holds characters that cannot be stored (U+0000 or a lone surrogate)` };
    const claimId = String(form.get('claimId') ?? '');
    const input = renameClaimInput.safeParse({ text: form.get('text'), verdict: String(form.get('verdict') ?? ''), verdictNote: String(form.get('verdictNote') ?? ''), version: Number(form.get('version')) });
    if (!input.success) return { error: input.error.issues[0]?.message ?? 'The new wording is not valid' };
    const claim = await renameClaim(caller, claimId, input.data);
    revalidatePath(`/claims/${claimId}`);
    return { saved: { text: claim.text, verdict: claim.verdict, verdictNote: claim.verdictNote, version: claim.version } };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
