/**
 * Text PostgreSQL cannot take: `text` holds no U+0000, and a lone UTF-16
 * surrogate is not Unicode at all (Prisma's engine refuses it; `pg` would
 * store U+FFFD instead). JSON can carry both (`"\u0000"`, `"\ud800"`), a URL
 * can carry U+0000 (`%00`). Refused at the boundary, they are a 400 naming
 * the field instead of a database error (500) deep inside a domain function.
 * `isWellFormed` (ES2024) finds lone surrogates natively: a regex with
 * lookarounds took 3% of an import's time on every article's text.
 */
export const isUnstorableText = (s: string) => s.includes('\u0000') || !s.isWellFormed();

/**
 * The path ("a.0.b", "(body)" for the value itself) of the first string or
 * key that PostgreSQL cannot store, or null. Meant for values a zod schema
 * has already accepted, whose depth the schema bounds.
 */
export function findUnstorableText(value: unknown, path: string[] = []): string | null {
  const here = () => (path.length ? path.join('.') : '(body)');
  if (typeof value === 'string') return isUnstorableText(value) ? here() : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (isUnstorableText(key)) return [...path, key].join('.');
    const found = findUnstorableText(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/**
 * For server actions, which take FormData rather than going through
 * parseJson: the name of the first field PostgreSQL could not store, or null.
 */
export function findUnstorableField(form: FormData): string | null {
  for (const [name, value] of form.entries()) {
    if (isUnstorableText(name) || (typeof value === 'string' && isUnstorableText(value))) return name;
  }
  return null;
}
