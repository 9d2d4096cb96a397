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

/**
 * A list page's filters from its query string: what is valid is kept, what
 * is not is left out and named (`message`), so one bad parameter (an edited
 * URL, an old bookmark) neither drops the other filters nor breaks the page.
 * `fallback`: the filters when nothing valid is left.
 */
export function parsePageFilters<T>(
  schema: z.ZodType<T>,
  params: Record<string, string | string[] | undefined>,
  fallback: T,
): { data: T; message: string | null } {
  let given: Record<string, string | string[] | undefined> = { ...params };
  let message: string | null = null;
  for (let tries = Object.keys(given).length + 1; tries > 0; tries--) {
    const parsed = parsePageQuery(schema, given);
    if (parsed.success) return { data: parsed.data, message };
    const issue = schema.safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== ''))).error?.issues[0];
    // An unknown key is reported on the object, with its name in `keys`.
    const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
    if (typeof key !== 'string' || !(key in given)) return { data: fallback, message: message ?? parsed.message };
    const value = given[key];
    message ??= issue?.code === 'unrecognized_keys' ? `Left out “${key}”: this page has no such filter.` : `Left out ${key}=${shortValue(value)}: ${issue ? plainly(issue) : 'not valid'}.`;
    given = Object.fromEntries(Object.entries(given).filter(([k]) => k !== key));
  }
  return { data: fallback, message };
}

/** A query value for a message: quoted, cut at 40 characters. */
function shortValue(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
  const chars = Array.from(text);
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text);
}

/** What a query parameter must be, in words rather than the validator's. */
function plainly(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${issue.minimum} characters` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${issue.maximum} characters` : `must be at most ${issue.maximum}`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'must be a whole number' : issue.expected === 'number' ? 'must be a number' : `must be a ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}
