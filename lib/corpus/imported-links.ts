import 'server-only';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Tx } from '@/lib/db/client';
import type { ImportedLink } from '@/lib/articles/article-fields';
import { LINK_KINDS, type LinkKind } from '@/lib/links/dto';
import { copyField, copyLine, copyRows } from './copy-rows';

export type ImportedLinkCounts = { links: number; linksSkipped: number };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

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
  const reasons = { unknownType: new Set<string>(), unknown: 0, noSpan: 0, self: 0, repeated: 0 };
  let links = 0;
  // What a batch of articles brought, written at once by flush(): COPY lines of (file id, span id)
  // and of cross relations, and the links resolved inside their lines.
  let spanIds: string[] = [];
  let cross: string[] = [];
  let inLine: { from: string; to: string; kind: LinkKind }[] = [];

  const kindOf = (type: string): LinkKind | null => {
    const kind = type.toLowerCase() as LinkKind;
    if (LINK_KINDS.includes(kind)) return kind;
    reasons.unknownType.add(type);
    reasons.unknown++;
    return null;
  };
  const ensureTables = async () => {
    if (tables) return;
    tables = true;
    await client.query(`CREATE TEMP TABLE import_span_ids (src text NOT NULL, id text NOT NULL) ON COMMIT DROP`);
    await client.query(`CREATE TEMP TABLE import_cross (src_from text NOT NULL, src_to text NOT NULL, kind text NOT NULL) ON COMMIT DROP`);
  };

  /** Writes what the batch brought: its span ids and cross relations for later, its lines' own links now. */
  async function flush() {
    if (spanIds.length || cross.length) await ensureTables();
    if (spanIds.length) await copyRows(client, 'import_span_ids', ['src', 'id'], spanIds);
    if (cross.length) await copyRows(client, 'import_cross', ['src_from', 'src_to', 'kind'], cross);
    if (inLine.length) {
      const { count } = await tx.link.createMany({
        data: inLine.map((l) => ({ id: randomUUID(), projectId, fromAnnotationId: l.from, toAnnotationId: l.to, kind: l.kind.toUpperCase() as 'CORROBORATES', authorId: authorId! })),
        // A pair is linked once, either way round (the table's unique index).
        skipDuplicates: true,
      });
      links += count;
      reasons.repeated += inLine.length - count;
    }
    spanIds = [];
    cross = [];
    inLine = [];
  }

  return {
    /** An article's spans (`ids[i]` stored, or found, for `spans[i]`) and its relations; written by flush(). */
    article(sourceIds: (string | undefined)[], ids: string[], relations: ImportedLink[] | undefined) {
      const here = new Map<string, string>();
      sourceIds.forEach((src, i) => {
        if (src === undefined) return;
        here.set(src, ids[i]);
        spanIds.push(copyLine([copyField(src), copyField(ids[i])]));
      });
      for (const l of relations ?? []) {
        const kind = kindOf(l.type);
        if (!kind) continue;
        if (l.from === l.to || (here.has(l.from) && here.get(l.from) === here.get(l.to))) reasons.self++;
        else if (l.cross) {
          cross.push(copyLine([copyField(l.from), copyField(l.to), kind]));
          crossCount++;
        } else if (!here.has(l.from) || !here.has(l.to) || !authorId) reasons.noSpan++;
        else inLine.push({ from: here.get(l.from)!, to: here.get(l.to)!, kind });
      }
    },

    flush,

    /** After the last line: the cross relations, between spans found once each in the file. */
    async finish(): Promise<ImportedLinkCounts> {
      await flush();
      if (crossCount > 0 && authorId) {
        const { rows } = await client.query<{ resolved: number; self: number; inserted: number }>(
          `WITH ids AS (SELECT src, min(id) AS id FROM import_span_ids GROUP BY src HAVING count(*) = 1),
                resolved AS (
                  SELECT f.id AS from_id, t.id AS to_id, c.kind FROM import_cross c
                    JOIN ids f ON f.src = c.src_from JOIN ids t ON t.src = c.src_to),
                inserted AS (
                  INSERT INTO "Link" (id, "projectId", "fromAnnotationId", "toAnnotationId", kind, "authorId", "updatedAt")
                  SELECT gen_random_uuid()::text, $1, from_id, to_id, upper(kind)::"LinkKind", $2, now() FROM resolved
                  WHERE from_id <> to_id
                  ON CONFLICT DO NOTHING
                  RETURNING 1)
           SELECT (SELECT count(*) FROM resolved)::int AS resolved, (SELECT count(*) FROM resolved WHERE from_id = to_id)::int AS self,
                  (SELECT count(*) FROM inserted)::int AS inserted`,
          [projectId, authorId],
        );
        links += rows[0].inserted;
        reasons.self += rows[0].self;
        reasons.repeated += rows[0].resolved - rows[0].self - rows[0].inserted;
        reasons.noSpan += crossCount - rows[0].resolved;
      } else reasons.noSpan += crossCount;
      return { links, linksSkipped: reasons.unknown + reasons.noSpan + reasons.self + reasons.repeated };
    },

    /** Why relations were skipped, in words, for the import's summary. */
    skipped(): string[] {
      const out: string[] = [];
      if (reasons.noSpan) out.push(`${plural(reasons.noSpan, 'relation')} not imported: a span it names is not in this file`);
      if (reasons.self) out.push(`${plural(reasons.self, 'relation')} from a span to itself not imported`);
      if (reasons.unknownType.size) out.push(`relations of type ${[...reasons.unknownType].slice(0, 5).map((t) => `"${t}"`).join(', ')} not imported: links are ${LINK_KINDS.join(' or ')}`);
      if (reasons.repeated) out.push(`${plural(reasons.repeated, 'relation')} already linked (earlier in the file or before), not imported again`);
      return out;
    },
  };
}
