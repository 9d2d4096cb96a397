import 'server-only';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Tx } from '@/lib/db/client';
import type { ImportedLink } from '@/lib/articles/article-fields';
import { LINK_KINDS, type LinkKind } from '@/lib/links/dto';
import { copyField, copyLine, copyRows } from './copy-rows';

export type ImportedLinkCounts = { links: number; linksSkipped: number };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** How many places a reason names ("lines 3, 7, 9, …"). */
const PLACES = 5;

const byNumber = new Intl.Collator('en', { numeric: true });

/** A count of skipped relations and the first few places in the file they are at. */
class Skipped {
  count = 0;
  readonly places: string[] = [];
  /** Places past the first few. */
  more = false;
  add(n: number, ...places: (string | undefined)[]) {
    this.count += n;
    for (const where of places) {
      if (!where || n === 0 || this.places.includes(where)) continue;
      if (this.places.length < PLACES) this.places.push(where);
      else this.more = true;
    }
  }
  /** " (line 3, line 7, …)", in the file's order. */
  get at(): string {
    const places = [...this.places].sort(byNumber.compare);
    return places.length ? ` (${places.join(', ')}${this.more ? ', …' : ''})` : '';
  }
}

/** Where a record is, without its file's name (the summary is the file's): "line 3", "record 2 (line 9)". */
const placeOf = (origin: string | undefined) => origin?.match(/(?:^|, )((?:line|record) .*)$/)?.[1] ?? origin;

/**
 * The relations an import brings, which name spans by their ids in the file,
 * made into pending links of the importer. Nothing per span is held in
 * memory for the whole file:
 *
 * - `relations` (doccano's, ours inside an article) are resolved against
 *   their own line's spans and written with them: ids may restart on each
 *   line of a hand-made file.
 * - `cross_relations` (ours, to a span of another line, earlier or later) are
 *   resolved at the end of the file, in SQL: each span's file id and new id,
 *   and each cross relation, go into temporary tables of the import's
 *   transaction (dropped at its end), joined once all spans are stored.
 *
 * A relation whose type is not a link kind, that names a span the file does
 * not give, that links a span to itself, or that repeats another (in the file
 * or a link already here) is skipped, counted, and said why. Spans the file
 * gives for an article already here resolve to the span already at their
 * place (lib/corpus/add-articles.ts), so their relations are merged too.
 */
export function importedLinks(tx: Tx, client: pg.ClientBase, projectId: string, authorId: string | null) {
  let tables = false;
  let crossCount = 0;
  const unknownTypes = new Set<string>();
  const reasons = { unknown: new Skipped(), noSpan: new Skipped(), self: new Skipped(), repeated: new Skipped() };
  let links = 0;
  // What a batch of articles brought, written at once by flush(): COPY lines of (file id, span id)
  // and of cross relations, and the links resolved inside their lines.
  let spanIds: string[] = [];
  let cross: string[] = [];
  let inLine: { from: string; to: string; kind: LinkKind; where?: string }[] = [];

  const kindOf = (type: string, where: string | undefined): LinkKind | null => {
    const kind = type.toLowerCase() as LinkKind;
    if (LINK_KINDS.includes(kind)) return kind;
    unknownTypes.add(type);
    reasons.unknown.add(1, where);
    return null;
  };
  const ensureTables = async () => {
    if (tables) return;
    tables = true;
    await client.query(`CREATE TEMP TABLE import_span_ids (src text NOT NULL, id text NOT NULL) ON COMMIT DROP`);
    await client.query(`CREATE TEMP TABLE import_cross (src_from text NOT NULL, src_to text NOT NULL, kind text NOT NULL, place text) ON COMMIT DROP`);
  };

  /** Writes what the batch brought: its span ids and cross relations for later, its lines' own links now. */
  async function flush() {
    if (spanIds.length || cross.length) await ensureTables();
    if (spanIds.length) await copyRows(client, 'import_span_ids', ['src', 'id'], spanIds);
    if (cross.length) await copyRows(client, 'import_cross', ['src_from', 'src_to', 'kind', 'place'], cross);
    if (inLine.length) {
      const data = inLine.map((l) => ({ id: randomUUID(), projectId, fromAnnotationId: l.from, toAnnotationId: l.to, kind: l.kind.toUpperCase() as 'CORROBORATES', authorId: authorId! }));
      // A pair is linked once, either way round (the table's unique index): RETURNING says which were new.
      const made = new Set((await tx.link.createManyAndReturn({ data, select: { id: true }, skipDuplicates: true })).map((l) => l.id));
      links += made.size;
      data.forEach((d, i) => {
        if (!made.has(d.id)) reasons.repeated.add(1, inLine[i].where);
      });
    }
    spanIds = [];
    cross = [];
    inLine = [];
  }

  return {
    /** An article's spans (`ids[i]` stored, or found, for `spans[i]`) and its relations, from the record at `origin`; written by flush(). */
    article(sourceIds: (string | undefined)[], ids: string[], relations: ImportedLink[] | undefined, origin?: string) {
      const where = placeOf(origin);
      const here = new Map<string, string>();
      sourceIds.forEach((src, i) => {
        if (src === undefined) return;
        here.set(src, ids[i]);
        spanIds.push(copyLine([copyField(src), copyField(ids[i])]));
      });
      for (const l of relations ?? []) {
        const kind = kindOf(l.type, where);
        if (!kind) continue;
        if (l.from === l.to || (here.has(l.from) && here.get(l.from) === here.get(l.to))) reasons.self.add(1, where);
        else if (l.cross) {
          cross.push(copyLine([copyField(l.from), copyField(l.to), kind, copyField(where)]));
          crossCount++;
        } else if (!here.has(l.from) || !here.has(l.to) || !authorId) reasons.noSpan.add(1, where);
        else inLine.push({ from: here.get(l.from)!, to: here.get(l.to)!, kind, where });
      }
    },

    flush,

    /** After the last line: the cross relations, between spans found once each in the file. */
    async finish(): Promise<ImportedLinkCounts> {
      await flush();
      if (crossCount > 0 && authorId) {
        // Each cross relation's outcome, with the first places (records) of each kind.
        const { rows } = await client.query<{ outcome: 'noSpan' | 'self' | 'made' | 'repeated'; n: number; places: string[] | null; nplaces: number; inserted: number }>(
          `WITH ids AS (SELECT src, min(id) AS id FROM import_span_ids GROUP BY src HAVING count(DISTINCT id) = 1),
                rel AS (
                  SELECT c.place, f.id AS from_id, t.id AS to_id, c.kind FROM import_cross c
                    LEFT JOIN ids f ON f.src = c.src_from LEFT JOIN ids t ON t.src = c.src_to),
                inserted AS (
                  INSERT INTO "Link" (id, "projectId", "fromAnnotationId", "toAnnotationId", kind, "authorId", "updatedAt")
                  SELECT gen_random_uuid()::text, $1, from_id, to_id, upper(kind)::"LinkKind", $2, now() FROM rel
                  WHERE from_id <> to_id
                  ON CONFLICT DO NOTHING
                  RETURNING "fromAnnotationId", "toAnnotationId")
           SELECT outcome, count(*)::int AS n, (array_agg(DISTINCT place) FILTER (WHERE place IS NOT NULL))[1:${PLACES}] AS places,
                  count(DISTINCT place)::int AS nplaces,
                  (SELECT count(*) FROM inserted)::int AS inserted
             FROM (SELECT place, CASE WHEN from_id IS NULL OR to_id IS NULL THEN 'noSpan' WHEN from_id = to_id THEN 'self'
                            WHEN EXISTS (SELECT 1 FROM inserted i WHERE i."fromAnnotationId" = rel.from_id AND i."toAnnotationId" = rel.to_id) THEN 'made'
                            ELSE 'repeated' END AS outcome FROM rel) r
            GROUP BY outcome`,
          [projectId, authorId],
        );
        const inserted = rows[0]?.inserted ?? 0;
        links += inserted;
        for (const r of rows) {
          // A relation given twice is "made" twice above: the count of rows inserted says how many were.
          if (r.outcome === 'made') reasons.repeated.add(r.n - inserted, undefined);
          else {
            reasons[r.outcome].add(r.n, ...(r.places ?? []));
            if (r.nplaces > PLACES) reasons[r.outcome].more = true;
          }
        }
      } else reasons.noSpan.add(crossCount);
      return { links, linksSkipped: reasons.unknown.count + reasons.noSpan.count + reasons.self.count + reasons.repeated.count };
    },

    /** Why relations were skipped, in words, with where, for the import's summary. */
    skipped(): string[] {
      const out: string[] = [];
      const { noSpan, self, unknown, repeated } = reasons;
      if (noSpan.count) out.push(`${plural(noSpan.count, 'relation')} not imported: a span it names is not in this file${noSpan.at}`);
      if (self.count) out.push(`${plural(self.count, 'relation')} from a span to itself not imported${self.at}`);
      if (unknown.count) out.push(`relations of type ${[...unknownTypes].slice(0, 5).map((t) => `"${t}"`).join(', ')} not imported: links are ${LINK_KINDS.join(' or ')}${unknown.at}`);
      if (repeated.count) out.push(`${plural(repeated.count, 'relation')} already linked (earlier in the file or before), not imported again${repeated.at}`);
      return out;
    },
  };
}
