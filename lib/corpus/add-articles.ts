import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { OffsetIndex, quoteSelector } from '@/lib/anchoring/code-points';
import type { ImportedLink, ImportedSpan } from '@/lib/articles/article-fields';
import type pg from 'pg';
import { db, transactionConnection, type Tx } from '@/lib/db/client';
import { articleFields, type NewArticle } from '@/lib/articles/article-fields';
import { reviseArticle, type ArticleFields } from '@/lib/articles/revise-article';
import { recordEvent } from '@/lib/audit/record-event';
import { insertSentences } from '@/lib/sentences/insert-sentences';
import { importRunning, indexSentences } from '@/lib/sentences/index-sentences';
import { findKnownArticles, type KnownArticle } from './find-known-articles';
import { importedLinks } from './imported-links';
import { insertArticles } from './insert-articles';
import { readAhead } from './read-ahead';
import { sortableIds } from './sortable-ids';
import type { Prisma } from '@/lib/db/generated/client';
import { readSpanVisibility, visibleSpanWhere } from '@/lib/annotations/span-visibility';

/**
 * `updated`: articles with the same text whose title, outlet, URL, author or date the import corrected;
 * `orphaned`: spans that lost their place in this import; `reopened`: approved or rejected spans
 * placed on words a revision changed, back to pending review (see lib/articles/revise-article.ts);
 * `spans`: spans the file added (doccano-style entities), to new articles or to articles already
 * here; `spansSkipped`: spans it gives that were already there (same place, same tag), which are
 * not added twice; `links`: the file's relations between its spans, stored as links;
 * `linksSkipped`: its other relations (see lib/corpus/imported-links.ts).
 */
export type AddArticlesResult = {
  added: number; unchanged: number; revised: number; updated: number; orphaned: number; reopened: number; spans: number; spansSkipped: number; links: number; linksSkipped: number;
  /** Why relations were skipped, in words. */
  notes?: string[];
};

export type AddArticlesOptions = {
  /** Who the audit log names (null: the CLI). */
  actorId?: string | null;
  /** The file being imported: if given, an import that changes something records one `import` audit event naming it. */
  file?: string;
  /** The input's size in bytes, if known: the transaction's time limit grows with it. */
  bytes?: number;
  /** How long to wait for another import into the project (default 30 s) before refusing. */
  lockWaitMs?: number;
};

/** The first key of the advisory lock an import holds on its project (the second is the project's id, hashed). */
const IMPORT_LOCK = 72_031;

/** How long an import waits for another into the same project before it is refused: well inside its own transaction's time (a minute at least). */
const IMPORT_LOCK_WAIT_MS = 30_000;

/**
 * One import into a project at a time: two at once would each miss the
 * other's uncommitted articles and store the same text twice (no key stops
 * that for articles found by text). The later one waits, then finds the
 * earlier one's articles unchanged; after `waitMs` it is refused (409), since
 * a wait counts against its own transaction's time limit. The lock goes with
 * the transaction, committed or rolled back.
 *
 * It also marks the transaction (`crosscheck.import`): statements sent on the
 * raw connection check the mark (`assertInImport`), so that nothing is
 * written outside the transaction if Prisma ended it (its time limit) while
 * this code still held the connection.
 */
async function takeImportLock(client: pg.ClientBase, projectId: string, waitMs: number) {
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.round(waitMs))}ms`]);
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_LOCK, projectId]);
  } catch (e) {
    if ((e as { code?: string }).code === '55P03') {
      throw new AppError('CONFLICT', 'Another import into this project is still running; import this file again once it has finished');
    }
    throw e;
  }
  // The lock held: back to the server's lock_timeout, and the transaction marked, in one round trip.
  await client.query(
    `SELECT set_config('lock_timeout', (SELECT reset_val FROM pg_settings WHERE name = 'lock_timeout'), true), set_config('crosscheck.import', 'on', true)`,
  );
}

/** Throws unless the connection is still inside the import's transaction (see takeImportLock). */
async function assertInImport(client: pg.ClientBase) {
  const { rows } = await client.query<{ on: string | null }>(`SELECT current_setting('crosscheck.import', true) AS on`);
  if (rows[0]?.on !== 'on') throw new Error('The import transaction has ended (its time limit?); nothing more is written');
}

/** Articles looked up together (one query) before they are stored: the memory an import holds is about two batches. */
const BATCH_ARTICLES = 500;
const BATCH_CHARS = 1_000_000;
/**
 * The first batch is this fraction of a full one, the next twice as large,
 * and so on: PostgreSQL starts storing after a few records are read instead
 * of a whole batch, and the rest is read while it works.
 */
const FIRST_BATCH_SHARE = 1 / 8;

/**
 * Adds articles to a project in one transaction, reading them as they come:
 * a stream of any length takes the memory of two batches. An article already
 * there (same externalId; without one, same text hash, else same URL) is left
 * unchanged if its text is the same, and revised if its text changed: the old
 * text becomes a revision and its spans are re-anchored. Running it twice
 * changes nothing the second time. Each article is split into sentences as
 * it is stored (suggestions and search rank them), so an article never exists
 * without its sentences.
 *
 * If the stream throws (an invalid record), nothing is stored: the whole
 * input is one transaction.
 */
export async function addArticles(
  projectId: string,
  articles: AsyncIterable<NewArticle> | Iterable<NewArticle>,
  opts: AddArticlesOptions = {},
): Promise<AddArticlesResult> {
  const actorId = opts.actorId ?? null;
  // The sentence indexer waits while this runs (it would take a core from it).
  const importEnded = importRunning();
  const result = await db.$transaction(
    async (tx) => {
      const client = await transactionConnection(tx);
      await takeImportLock(client, projectId, opts.lockWaitMs ?? IMPORT_LOCK_WAIT_MS);
      const store = articleStore(tx, client, projectId, actorId);
      // The next batch is read and made canonical while this one is stored.
      for await (const batch of readAhead(batches(articles), 1)) await store.add(batch);
      const notes = await store.finish();
      const counts = store.counts;
      if (opts.file !== undefined && counts.added + counts.revised + counts.updated > 0) {
        await recordEvent(tx, { projectId, actorId, action: 'import', objectType: 'project', objectId: projectId, after: { file: opts.file, ...counts } });
      }
      return { ...counts, ...(notes.length && { notes }) };
    },
    { timeout: transactionTimeout(opts.bytes ?? (Array.isArray(articles) ? articles.reduce((n, a) => n + a.text.length, 0) : 0)) },
  ).finally(importEnded);
  // Their sentences are searchable now; the index catches up after the commit, beside the caller.
  if (result.added > 0) void indexSentences();
  return result;
}

type Prepared = { input: NewArticle; fields: ArticleFields };

/** How long reading ahead may keep Node busy before it lets the database's answers through. */
const READ_SLICE_MS = 2;
const letIoThrough = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Records with their canonical fields, BATCH_ARTICLES (or BATCH_CHARS of
 * text) at a time, the first batches smaller. This runs ahead of the store
 * (readAhead) in slices of a few milliseconds: records already buffered
 * would otherwise be read one after the other in promise callbacks, ahead of
 * PostgreSQL's answer to the store, and PostgreSQL would wait for Node to
 * finish the next batch.
 */
async function* batches(articles: AsyncIterable<NewArticle> | Iterable<NewArticle>): AsyncGenerator<Prepared[]> {
  let batch: Prepared[] = [];
  let chars = 0;
  let share = FIRST_BATCH_SHARE;
  let sliceEnd = performance.now() + READ_SLICE_MS;
  for await (const input of articles) {
    if (performance.now() > sliceEnd) {
      await letIoThrough();
      sliceEnd = performance.now() + READ_SLICE_MS;
    }
    const fields = articleFields(input);
    batch.push({ input, fields });
    chars += fields.text.length;
    if (batch.length >= BATCH_ARTICLES * share || chars >= BATCH_CHARS * share) {
      yield batch;
      batch = [];
      chars = 0;
      share = Math.min(1, share * 2);
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * What one import has stored so far, inside its transaction: each batch is
 * matched against the project's articles, changed ones are revised, new ones
 * stored with their sentences through COPY on the transaction's connection
 * (`client`), in order with the transaction's Prisma queries. Each batch is
 * stored before the next is looked up, so the lookup sees it. `handled` holds
 * the ids of articles this import has already seen (with a key of their
 * text, not the text), so an article that comes twice in one file is handled
 * once, and refused if it comes with two texts.
 */
function articleStore(tx: Tx, client: pg.ClientBase, projectId: string, actorId: string | null) {
  const nextId = sortableIds();
  const handled = new Map<string, number>();
  const links = importedLinks(tx, client, projectId, actorId);
  // Which spans already here the file's may be taken for: read once, when first needed.
  let visible: Promise<Prisma.AnnotationWhereInput> | undefined;
  const visibleSpans = () => (visible ??= visibleToImporter(tx, projectId, actorId));
  const counts: AddArticlesResult = { added: 0, unchanged: 0, revised: 0, updated: 0, orphaned: 0, reopened: 0, spans: 0, spansSkipped: 0, links: 0, linksSkipped: 0 };
  return {
    counts,
    /** After the last batch: the file's relations between the spans it brought, as links. */
    async finish() {
      Object.assign(counts, await links.finish());
      return links.skipped();
    },
    async add(batch: Prepared[]) {
      await assertInImport(client);
      const known = await findKnownArticles(client, projectId, batch.map((b) => ({ ...b.fields, idFromName: b.input.idFromName })));
      type WithSpans = { id: string; fields: ArticleFields; spans?: ImportedSpan[]; links?: ImportedLink[]; origin?: string };
      const fresh: WithSpans[] = [];
      // Articles already here (or earlier in the file) that the file brings spans or relations for.
      const merged: WithSpans[] = [];
      for (const { input, fields } of batch) {
        const match = known.find({ ...fields, idFromName: input.idFromName });
        if (match && (input.spans?.length || input.links?.length)) merged.push({ id: match.id, fields, spans: input.spans, links: input.links, origin: input.origin });
        const earlier = match && handled.get(match.id);
        if (earlier !== undefined) {
          // The same article twice in one file: once more with the same text is nothing new; with
          // another text, which one is meant? Refused rather than one of them dropped unsaid.
          if (earlier !== textKey(fields.textHash)) throw twiceWithOtherText(input, fields);
          counts.unchanged++;
        } else if (match && match.textHash === fields.textHash) {
          handled.set(match.id, textKey(fields.textHash));
          // Only a record that names the article (its id or URL), or one of its own outlet, corrects its
          // details: one found by its text alone, from another outlet, may be a copy of a wire story.
          const named =
            (fields.externalId && fields.externalId === match.externalId) || (fields.url && fields.url === match.url) || (fields.outlet ?? null) === (match.outlet ?? null);
          if (named && (await correctMetadata(tx, projectId, actorId, match, fields, input.titleMadeUp))) counts.updated++;
          else counts.unchanged++;
        } else if (match) {
          handled.set(match.id, textKey(fields.textHash));
          const outcome = await reviseArticle(tx, match.id, fields, actorId);
          counts.revised++;
          counts.orphaned += outcome?.orphaned ?? 0;
          counts.reopened += outcome?.reopened ?? 0;
        } else {
          const id = nextId();
          known.add({ id, ...fields });
          handled.set(id, textKey(fields.textHash));
          fresh.push({ id, fields, spans: input.spans, links: input.links, origin: input.origin });
          counts.added++;
        }
      }
      if (fresh.length === 0 && merged.length === 0) return;
      await insertArticles(client, projectId, fresh);
      // New articles' spans first: an article given twice in the batch finds them there.
      for (const [list, isNew] of [[fresh, true], [merged, false]] as const) {
        for (const a of list) {
          const placed = a.spans?.length ? await storeImportedSpans(tx, a.id, a.fields, a.spans, actorId, isNew ? null : await visibleSpans()) : { ids: [], added: 0 };
          counts.spans += placed.added;
          counts.spansSkipped += placed.ids.length - placed.added;
          links.article(a.spans?.map((s) => s.sourceId) ?? [], placed.ids, a.links, a.origin);
        }
      }
      await links.flush();
      await insertSentences(client, fresh.map((a) => ({ id: a.id, text: a.fields.text })), nextId);
    },
  };
}

/**
 * What `handled` keeps of an article's text: 28 bits of its hash, a small
 * integer V8 stores inline, so a file of 100,000 articles costs no more than
 * their ids. Two texts that share them (one chance in 268 million) would
 * pass as the same.
 */
const textKey = (textHash: string) => parseInt(textHash.slice(0, 7), 16);

function twiceWithOtherText(input: NewArticle, fields: ArticleFields): AppError {
  const which = fields.externalId ? `externalId "${fields.externalId}"` : fields.url ? `URL ${fields.url}` : 'article';
  return new AppError('BAD_REQUEST', `${input.origin ?? 'this file'}: the ${which} came earlier in this file with another text; give each article once`, { text: 'another text for an article given twice' });
}

/**
 * The same text with other details: a re-import corrects the title (one it
 * gives, not one made from the text's first words), and the outlet, URL,
 * author and date it gives (a field left empty keeps what is there, as for a
 * new revision). Plain columns: no version or revision moves. Each correction
 * goes into the article's history, from what to what, like any other change.
 */
async function correctMetadata(tx: Tx, projectId: string, actorId: string | null, known: KnownArticle, fields: ArticleFields, titleMadeUp = false): Promise<boolean> {
  const data = {
    ...(!titleMadeUp && fields.title !== known.title && { title: fields.title }),
    ...(fields.outlet && fields.outlet !== known.outlet && { outlet: fields.outlet }),
    ...(fields.url && fields.url !== known.url && { url: fields.url }),
    ...(fields.author && fields.author !== known.author && { author: fields.author }),
    ...(fields.publishedAt && fields.publishedAt.getTime() !== known.publishedAt?.getTime() && { publishedAt: fields.publishedAt }),
  };
  const changed = Object.keys(data) as (keyof typeof data)[];
  if (changed.length === 0) return false;
  await tx.article.update({ where: { id: known.id }, data });
  // Dates as the day they are (YYYY-MM-DD), as imports give them.
  const shown = (v: string | Date | null | undefined) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null));
  await recordEvent(tx, {
    projectId, actorId, action: 'article.update', objectType: 'article', objectId: known.id,
    before: Object.fromEntries(changed.map((k) => [k, shown(known[k])])),
    after: Object.fromEntries(changed.map((k) => [k, shown(data[k])])),
  });
  return true;
}

/**
 * The spans an importer may see (lib/annotations/span-visibility.ts): under
 * independent annotation an analyst's own, until the article is opened for
 * comparison. A file's spans are only ever taken for these, so an import
 * neither absorbs nor reveals (through its counts) another analyst's hidden
 * work. The command line, importing as nobody, sees every span.
 */
async function visibleToImporter(tx: Tx, projectId: string, actorId: string | null): Promise<Prisma.AnnotationWhereInput> {
  if (!actorId) return {};
  const found = await readSpanVisibility(tx, actorId, projectId);
  return visibleSpanWhere(found?.visibility ?? { everything: false, userId: actorId });
}

/**
 * The file's spans of one article (doccano-style entities), as pending spans
 * of the importer with quotes cut from the canonical text. For an article
 * already here (`visible` given: the spans the importer may see), a file's
 * span is one of those if it names it by id (our exports, Label Studio's
 * round trip), else if one is at the same place with the same tag, whatever
 * its status, the importer's own first: each stands for one of the file's
 * (two analysts' same span is two spans in an export). So re-importing never
 * duplicates spans nor brings back a rejected one, and a tool's annotations
 * of articles already here are merged into them. Spans left orphaned by a
 * revision are not in the text any more, so they match nothing. Returns the
 * span id for each of `spans`, in order (the file's relations name them),
 * and how many were added.
 */
async function storeImportedSpans(
  tx: Tx, articleId: string, fields: ArticleFields, spans: ImportedSpan[], actorId: string | null, visible: Prisma.AnnotationWhereInput | null,
): Promise<{ ids: string[]; added: number }> {
  const key = (s: { start: number; end: number; label: string }) => `${s.start}:${s.end}:${s.label.toUpperCase()}`;
  // The article's spans by id, and by place and tag (the importer's own first), each to be taken once.
  const byId = new Map<string, string>();
  const byPlace = new Map<string, string[]>();
  if (visible) {
    const present = await tx.annotation.findMany({
      where: { AND: [{ articleId, orphaned: false }, visible] },
      select: { id: true, start: true, end: true, label: true, authorId: true },
      orderBy: { createdAt: 'asc' },
    });
    present.sort((a, b) => Number(b.authorId === actorId) - Number(a.authorId === actorId));
    for (const p of present) {
      byId.set(p.id, key(p));
      byPlace.set(key(p), [...(byPlace.get(key(p)) ?? []), p.id]);
    }
  }
  const taken = new Set<string>();
  const take = (id: string) => {
    taken.add(id);
    const list = byPlace.get(byId.get(id)!)!;
    list.splice(list.indexOf(id), 1);
    return id;
  };
  const ids: string[] = [];
  const added: (ImportedSpan & { id: string })[] = [];
  for (const s of spans) {
    const named = s.sourceId !== undefined && byId.has(s.sourceId) && !taken.has(s.sourceId) ? s.sourceId : undefined;
    const atPlace = byPlace.get(key(s))?.[0];
    let id = named !== undefined ? take(named) : atPlace !== undefined ? take(atPlace) : undefined;
    if (id === undefined) {
      id = randomUUID();
      added.push({ ...s, id });
    }
    ids.push(id);
  }
  if (added.length === 0) return { ids, added: 0 };
  if (!actorId) throw new AppError('BAD_REQUEST', 'This file carries spans: import it as a user (--as <email> on the command line)', { entities: 'need an importing user' });
  const index = new OffsetIndex(fields.text);
  await tx.annotation.createMany({
    data: added.map((s) => ({
      id: s.id,
      articleId,
      authorId: actorId,
      label: s.label.toUpperCase() as 'ASSERTION',
      start: s.start,
      end: s.end,
      ...quoteSelector(index, s.start, s.end),
      speaker: s.speaker ?? null,
      note: s.note ?? null,
      textHash: fields.textHash,
    })),
  });
  return { ids, added: added.length };
}

/**
 * Prisma closes an interactive transaction after 5 s by default. An import is
 * one transaction by design, however large, so it gets time in proportion to
 * its size: a minute, and a minute more per 2 MB (an import stores about
 * 1 MB/s on a busy 2-core machine).
 */
const transactionTimeout = (bytes: number) => 60_000 + Math.ceil(bytes / 2_000_000) * 60_000;
