/**
 * Text for LIKE/ILIKE (or Prisma's `contains`, which wraps it in `%…%`):
 * `%`, `_` and `\` (LIKE's own characters) taken as written, and any
 * apostrophe matching either kind, since corpora mix "Apple's" and "Apple’s".
 */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/['’‘]/g, '_');

/** `likeLiteral(text)` anywhere in the value. */
export const likeContains = (text: string) => `%${likeLiteral(text)}%`;
