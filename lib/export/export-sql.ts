import 'server-only';
import type { Prisma } from '@/lib/db/generated/client';
import { visibleSpanSql, type SpanVisibility } from '@/lib/annotations/span-visibility';
import type { ExportQuery } from './schema';
import { outletSql } from '@/lib/articles/outlet-filter';
import type { Label, ReviewStatus } from '@/lib/annotations/dto';
import type { ExportArticle, ExportLink } from './types';

/**
 * The three queries an export reads, each ordered by article id so that one
 * pass merges them: the articles, their spans (start, end, id: the order brat's
 * T numbers rely on) and the links that start at those spans (in the order of
 * their `from` span, then oldest first). Plain SQL over the tables, read
 * through cursors (read-articles.ts): Prisma's nested selects cost
 * more than the rows themselves at a million spans.
 *
 * Column positions are part of the contract: rows are read as arrays.
 * `published` comes as YYYY-MM-DD text.
 */
export type ExportStatement = { text: string; values: unknown[] };

/** What is in the export: the project, whose spans the exporter may see, and the query's filters. */
export type ExportFilter = Pick<ExportQuery, 'outlet' | 'articleId' | 'label' | 'status'> & { projectId: string; visibility: SpanVisibility };

/** Parameters of one statement, numbered as they are added. */
function params() {
  const values: unknown[] = [];
  return { values, add: (v: unknown) => (values.push(v), `$${values.length}`) };
}

/** A Prisma SQL fragment with its values renumbered into this statement's parameters. */
function inline(fragment: Prisma.Sql, add: (v: unknown) => string): string {
  return fragment.strings.reduce((text, part, i) => text + add(fragment.values[i - 1]) + part);
}

/** Conditions on an article row `a` of the export. */
function articleConditions(f: ExportFilter, a: string, add: (v: unknown) => string): string[] {
  return [
    `${a}."projectId" = ${add(f.projectId)}`,
    ...(f.outlet ? [outletSql(f.outlet, a, add(f.outlet))] : []),
    ...(f.articleId ? [`${a}.id = ANY(${add(f.articleId)}::text[])`] : []),
  ];
}

/**
 * Conditions on a span row `s` (in article `a`) of the export. Orphans (spans
 * a revision could not re-place) point into an old text: left out.
 */
function spanConditions(f: ExportFilter, s: string, a: string, add: (v: unknown) => string): string[] {
  return [...articleConditions(f, a, add), ...ownSpanConditions(f, s, add)];
}

/** The conditions of spanConditions that are the span's own (its article's are checked elsewhere). */
function ownSpanConditions(f: ExportFilter, s: string, add: (v: unknown) => string): string[] {
  return [
    `NOT ${s}.orphaned`,
    // Independent annotation: the rule is lib/annotations/span-visibility.ts's own SQL.
    ...(f.visibility.everything ? [] : [inline(visibleSpanSql(f.visibility, s), add)]),
    ...(f.label ? [`${s}.label::text = ANY(${add(f.label.map((l) => l.toUpperCase()))}::text[])`] : []),
    ...(f.status === 'approved' ? [`${s}.status = 'APPROVED'`] : []),
  ];
}

/**
 * Timestamps as epoch milliseconds: a float8 is parsed far faster than a
 * timestamp string. `updatedAt` is null when it equals `createdAt` (a span
 * never edited), one value less to send and parse.
 */
const epochMs = (column: string) => `round(date_part('epoch', ${column}) * 1000)`;
const stamps = (t: string) => `${epochMs(`${t}."createdAt"`)}, CASE WHEN ${t}."updatedAt" = ${t}."createdAt" THEN NULL ELSE ${epochMs(`${t}."updatedAt"`)} END`;

export const ARTICLE = { id: 0, externalId: 1, title: 2, outlet: 3, url: 4, author: 5, published: 6, text: 7, textHash: 8 } as const;

/** Database enum values as the export writes them. */
export const STATUS_NAME: Record<string, ReviewStatus> = { PENDING: 'pending', APPROVED: 'approved', REJECTED: 'rejected' };
export const LABEL_NAME: Record<string, Label> = { ASSERTION: 'assertion', DENIAL: 'denial', EVIDENCE: 'evidence' };
export const KIND_NAME: Record<string, ExportLink['kind']> = { CORROBORATES: 'corroborates', CONTRADICTS: 'contradicts' };

/** A row of linksSql (LINK's column order; linksOfArticlesSql starts the same) as a link, by `author`. */
export function toExportLink(l: unknown[], author: ExportLink['author']): ExportLink {
  const createdAt = new Date(l[LINK.createdAt] as number);
  return {
    id: l[LINK.id] as string,
    kind: KIND_NAME[l[LINK.kind] as string],
    status: STATUS_NAME[l[LINK.status] as string],
    fromId: l[LINK.fromId] as string,
    toId: l[LINK.toId] as string,
    to: {
      articleId: l[LINK.toArticleId] as string,
      start: l[LINK.toStart] as number,
      end: l[LINK.toEnd] as number,
      exact: l[LINK.toExact] as string,
      prefix: l[LINK.toPrefix] as string,
      suffix: l[LINK.toSuffix] as string,
    },
    author,
    createdAt,
    updatedAt: l[LINK.updatedAt] === null ? createdAt : new Date(l[LINK.updatedAt] as number),
  };
}

/** An article as every writer sees it, before its spans and links. */
export type ArticleHead = Omit<ExportArticle, 'spans' | 'links'>;

/** A row of articlesSql (in ARTICLE's column order) as an article. */
export function toArticle(a: unknown[]): ArticleHead {
  return {
    id: a[ARTICLE.id] as string,
    externalId: a[ARTICLE.externalId] as string | null,
    title: a[ARTICLE.title] as string,
    outlet: a[ARTICLE.outlet] as string | null,
    url: a[ARTICLE.url] as string | null,
    author: a[ARTICLE.author] as string | null,
    published: a[ARTICLE.published] as string | null,
    text: (a[ARTICLE.text] as string | null) ?? '',
    textHash: a[ARTICLE.textHash] as string,
  };
}

/** With `withText: false`, the text column is NULL (the W3C export names articles, it does not embed them). */
export function articlesSql(f: ExportFilter, { withText = true } = {}): ExportStatement {
  const { values, add } = params();
  const text = `
    SELECT a.id, a."externalId", a.title, a.outlet, a.url, a.author, to_char(a."publishedAt", 'YYYY-MM-DD'), ${withText ? 'a.text' : 'NULL'}, a."textHash"
      FROM "Article" a
     WHERE ${articleConditions(f, 'a', add).join(' AND ')}
     ORDER BY a.id`;
  return { text, values };
}

/** Authors and claims are only named (ids): their names and texts are few and looked up once each (read-articles.ts). */
export const SPAN = {
  articleId: 0, id: 1, label: 2, start: 3, end: 4, exact: 5, prefix: 6, suffix: 7, note: 8, speaker: 9, status: 10,
  claimId: 11, authorId: 12, createdAt: 13, updatedAt: 14, reviewerName: 15,
} as const;

export function spansSql(f: ExportFilter): ExportStatement {
  const { values, add } = params();
  const text = `
    SELECT s."articleId", s.id, s.label, s.start, s."end", s.exact, s.prefix, s.suffix, s.note, s.speaker, s.status,
           s."claimId", s."authorId", ${stamps('s')}, (SELECT u.name FROM "User" u WHERE u.id = s."reviewedById")
      FROM "Annotation" s
      JOIN "Article" a ON a.id = s."articleId"
     WHERE ${spanConditions(f, 's', 'a', add).join(' AND ')}
     ORDER BY s."articleId", s.start, s."end", s.id`;
  return { text, values };
}

export const LINK = {
  fromArticleId: 0, id: 1, kind: 2, status: 3, fromId: 4, toId: 5, authorId: 6, createdAt: 7, updatedAt: 8,
  toArticleId: 9, toStart: 10, toEnd: 11, toExact: 12, toPrefix: 13, toSuffix: 14,
} as const;

/** Links whose two spans are both in the export; with status=approved, approved links only. */
function linksFromWhere(f: ExportFilter, add: (v: unknown) => string): string {
  return `
      FROM "Link" l
      JOIN "Annotation" fs ON fs.id = l."fromAnnotationId"
      JOIN "Article" fa ON fa.id = fs."articleId"
      JOIN "Annotation" ts ON ts.id = l."toAnnotationId"
      JOIN "Article" ta ON ta.id = ts."articleId"
     WHERE l."projectId" = ${add(f.projectId)}
       ${f.status === 'approved' ? `AND l.status = 'APPROVED'` : ''}
       AND ${spanConditions(f, 'fs', 'fa', add).join(' AND ')}
       AND ${spanConditions(f, 'ts', 'ta', add).join(' AND ')}`;
}

export function linksSql(f: ExportFilter): ExportStatement {
  const { values, add } = params();
  const text = `
    SELECT fs."articleId", l.id, l.kind, l.status, l."fromAnnotationId", l."toAnnotationId", l."authorId", ${stamps('l')},
           ts."articleId", ts.start, ts."end", ts.exact, ts.prefix, ts.suffix
      ${linksFromWhere(f, add)}
     ORDER BY fs."articleId", fs.start, fs."end", fs.id, l."createdAt", l.id`;
  return { text, values };
}

/** The names of the project's members: nearly always every author an export names. */
export const MEMBER_NAMES = `SELECT u.id, u.name FROM "User" u WHERE u.id IN (SELECT m."userId" FROM "Membership" m WHERE m."projectId" = $1)`;

/** Names of users and texts of claims the rows named, looked up once each. */
export const USER_NAMES = `SELECT id, name FROM "User" WHERE id = ANY($1::text[])`;
export const CLAIM_TEXTS = `SELECT id, text FROM "Claim" WHERE id = ANY($1::text[])`;

/**
 * The spans of some articles of the export (already filtered by the article
 * conditions), in export order, for COPY … (FORMAT binary): SPAN_BYTES gives
 * the columns. A COPY leaves no room for lookups on its connection, so the
 * author's name comes with the row, but only for authors not in
 * `knownAuthors` (the project's members, whose names are read before): a
 * join per row cost PostgreSQL a tenth of the export. Without `withNames`
 * (JSONL names no author), no names at all. Read by copy-export.ts.
 */
export const SPAN_BYTES = {
  articleId: 0, id: 1, label: 2, start: 3, end: 4, exact: 5, prefix: 6, suffix: 7, note: 8, speaker: 9, status: 10,
  claimId: 11, authorId: 12, authorName: 13, createdAt: 14, updatedAt: 15,
} as const;
export const SPAN_BYTES_COLUMNS = 16;

export function spansOfArticlesSql(f: ExportFilter, articleIds: string[], names: { withNames: boolean; knownAuthors: string[] }): ExportStatement {
  const { values, add } = params();
  // PostgreSQL looks a constant array of nine or more up by hash.
  const name = names.withNames
    ? `CASE WHEN s."authorId" = ANY(${add(names.knownAuthors)}::text[]) THEN NULL ELSE (SELECT u.name FROM "User" u WHERE u.id = s."authorId") END`
    : 'NULL';
  const text = `
    SELECT s."articleId", s.id, s.label, s.start, s."end", s.exact, s.prefix, s.suffix, s.note, s.speaker, s.status,
           s."claimId", s."authorId", ${name}, s."createdAt", s."updatedAt"
      FROM "Annotation" s
     WHERE s."articleId" = ANY(${add(articleIds)}::text[])
       AND ${ownSpanConditions(f, 's', add).join(' AND ')}
     ORDER BY s."articleId", s.start, s."end", s.id`;
  return { text, values };
}

/**
 * The links that start at spans of some articles of the export, in the order
 * linksSql gives them, each with its author's name and its `from` span's
 * selectors (the from* columns).
 */
export const LINK_OF_ARTICLES = { ...LINK, authorName: 15, fromStart: 16, fromEnd: 17, fromExact: 18, fromPrefix: 19, fromSuffix: 20 } as const;

export function linksOfArticlesSql(f: ExportFilter, articleIds: string[]): ExportStatement {
  const { values, add } = params();
  const text = `
    SELECT fs."articleId", l.id, l.kind, l.status, l."fromAnnotationId", l."toAnnotationId", l."authorId", ${stamps('l')},
           ts."articleId", ts.start, ts."end", ts.exact, ts.prefix, ts.suffix,
           (SELECT name FROM "User" WHERE id = l."authorId"), fs.start, fs."end", fs.exact, fs.prefix, fs.suffix
      ${linksFromWhere(f, add)}
       AND fs."articleId" = ANY(${add(articleIds)}::text[])
     ORDER BY fs."articleId", fs.start, fs."end", fs.id, l."createdAt", l.id`;
  return { text, values };
}

/**
 * A statement with its parameters written in as literals, for COPY, which
 * takes none. `literal` is the driver's own escaping (pg's escapeLiteral);
 * arrays become ARRAY[…] (the statements cast them to text[]).
 */
export function withLiterals(statement: ExportStatement, literal: (s: string) => string): string {
  const value = (v: unknown): string => {
    if (Array.isArray(v)) return v.length ? `ARRAY[${v.map(value).join(',')}]` : `'{}'`;
    if (typeof v === 'string') return literal(v);
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    throw new Error(`No literal for ${typeof v}`);
  };
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => value(statement.values[Number(n) - 1]));
}
