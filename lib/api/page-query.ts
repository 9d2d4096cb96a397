import type { z } from 'zod';
import { findUnstorableText } from './unstorable-text';

/**
 * A page's query string through the schema its API route uses, and through
 * the check the API routes make on every value (lib/api/route.ts): U+0000 or
 * a lone surrogate would reach PostgreSQL as a database error, a 500 page.
 * Such a value fails like any invalid one, with a message naming it. Empty
 * values are left out, as a form sends them for "any".
 */
export function parsePageQuery<T>(schema: z.ZodType<T>, params: Record<string, string | string[] | undefined>): { success: true; data: T } | { success: false; message: string } {
  const unstorable = findUnstorableText(params);
  if (unstorable !== null) return { success: false, message: `“${unstorable}” holds U+0000 or a lone surrogate, which cannot be searched for` };
  // A form's "any" choice sends an empty value (`label=`): that is no filter, not an invalid one.
  const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(given);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, message: parsed.error.issues[0]?.message ?? 'That query is not valid.' };
}
