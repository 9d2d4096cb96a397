import { z } from 'zod';

/** Versions are PostgreSQL integers: a larger one is refused as invalid (400), not left to fail in the database (500). */
export const MAX_VERSION = 2_147_483_647;

/** The version a change was made against (optimistic concurrency: stale → 409). `query`: read from a query string. */
export const versionField = (description: string, from: 'body' | 'query' = 'body') =>
  (from === 'query' ? z.coerce.number() : z.number()).int().min(1).max(MAX_VERSION).describe(description);
