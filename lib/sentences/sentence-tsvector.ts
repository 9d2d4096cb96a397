// No 'server-only': store-sentences.ts uses it, which test/factories.ts runs outside Next.
import { Prisma } from '@/lib/db/generated/client';

/**
 * A sentence's tsvector, `text` being its text column: what the sentence
 * indexer (index-sentences.ts) and store-sentences.ts store, and what search
 * and suggestions compute for the sentences they have not reached yet
 * (project-sentences.ts). Spelled here once, besides the migrations.
 */
export const sentenceTsvector = (text: Prisma.Sql) => Prisma.sql`to_tsvector('english'::regconfig, ${text})`;
