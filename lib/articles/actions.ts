'use server';
import { z } from 'zod';
import { requireCaller } from '@/lib/auth/caller';
import type { SpanContext } from '@/lib/cross-source/types';
import { getSpanContext } from './span-context';
import { isUnstorableText } from '@/lib/api/unstorable-text';

const articleId = z.string().min(1).max(64).refine((s) => !isUnstorableText(s));

/**
 * The reader's compare view shows a second article; it needs that article's
 * span claims to put two linked spans in one claim. A server action is its own
 * POST endpoint, so it resolves the caller itself; an invalid id gives null.
 */
export async function loadSpanContextAction(id: string): Promise<SpanContext | null> {
  const caller = await requireCaller();
  const parsed = articleId.safeParse(id);
  return parsed.success ? getSpanContext(caller.id, parsed.data) : null;
}
