import type { PrismaClient } from '@/lib/db/generated/client';

/**
 * What a project backup holds, in restore order (parents before children),
 * and how each table's rows are scoped to the project. Sessions, API tokens
 * and sign-in failures are per user and per machine: not part of a project.
 * `Sentence.tsv` (the search index) is not backed up: restoreProject has
 * lib/sentences/index-sentences.ts make it again.
 */
type Delegate = { findMany(args: object): Promise<Record<string, unknown>[]>; createMany(args: { data: object[] }): Promise<{ count: number }> };

export type BackupTable = {
  name: string;
  delegate: (db: PrismaClient) => Delegate;
  where: (projectId: string) => object;
  /** The unique column rows are read and restored in (default id). */
  order?: string;
  /** Columns the database numbers itself: left out, renumbered on restore in `order`. */
  omit?: string[];
};

const d = (get: (db: PrismaClient) => unknown) => get as (db: PrismaClient) => Delegate;

export const BACKUP_TABLES: BackupTable[] = [
  { name: 'User', delegate: d((db) => db.user), where: (p) => ({ memberships: { some: { projectId: p } } }) },
  { name: 'Project', delegate: d((db) => db.project), where: (p) => ({ id: p }) },
  { name: 'Membership', delegate: d((db) => db.membership), where: (p) => ({ projectId: p }) },
  { name: 'Article', delegate: d((db) => db.article), where: (p) => ({ projectId: p }) },
  { name: 'ArticleComparison', delegate: d((db) => db.articleComparison), where: (p) => ({ article: { projectId: p } }) },
  { name: 'ArticleRevision', delegate: d((db) => db.articleRevision), where: (p) => ({ article: { projectId: p } }) },
  { name: 'Sentence', delegate: d((db) => db.sentence), where: (p) => ({ article: { projectId: p } }) },
  { name: 'Claim', delegate: d((db) => db.claim), where: (p) => ({ projectId: p }) },
  { name: 'Annotation', delegate: d((db) => db.annotation), where: (p) => ({ article: { projectId: p } }) },
  { name: 'Link', delegate: d((db) => db.link), where: (p) => ({ projectId: p }) },
  { name: 'SuggestionDismissal', delegate: d((db) => db.suggestionDismissal), where: (p) => ({ annotation: { article: { projectId: p } } }) },
  // History keeps its write order: restored in it, the sequence numbers it anew.
  { name: 'AuditEvent', delegate: d((db) => db.auditEvent), where: (p) => ({ projectId: p }), order: 'seq', omit: ['seq'] },
];
