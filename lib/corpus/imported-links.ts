import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db/client';
import type { ImportedLink } from '@/lib/articles/article-fields';
import { LINK_KINDS, type LinkKind } from '@/lib/links/dto';

export type ImportedLinkCounts = { links: number; linksSkipped: number };

/**
 * The relations an import brings (doccano's `relations`, our JSONL's
 * `relations` and `cross_relations`), which name spans by their ids in the
 * file. A relation may name a span of a later line, so they are kept until
 * every span of the file is stored, then written at once as pending links of
 * the importer. A relation whose span did not come in with the file (its
 * article was already here, or no such id), whose type is not a link kind,
 * or that repeats another is skipped, and counted; `skipped()` says why.
 */
export function importedLinks() {
  const spanIds = new Map<string, string>();
  const relations: ImportedLink[] = [];
  const reasons = { unknownType: new Set<string>(), noSpan: 0, repeated: 0 };
  return {
    /** A span stored by this import: `sourceId` its id in the file, `id` its id here. */
    span(sourceId: string | undefined, id: string) {
      if (sourceId !== undefined) spanIds.set(sourceId, id);
    },
    add(links: ImportedLink[] | undefined) {
      if (links) relations.push(...links);
    },
    async store(tx: Tx, projectId: string, authorId: string | null): Promise<ImportedLinkCounts> {
      if (relations.length === 0) return { links: 0, linksSkipped: 0 };
      const pairs = new Set<string>();
      const data = [];
      for (const r of relations) {
        const kind = r.type.toLowerCase() as LinkKind;
        if (!LINK_KINDS.includes(kind)) {
          reasons.unknownType.add(r.type);
          continue;
        }
        const from = spanIds.get(r.from);
        const to = spanIds.get(r.to);
        if (!from || !to || from === to || !authorId) {
          reasons.noSpan++;
          continue;
        }
        // A pair is linked once, either way round (the table's unique index says so too).
        const pair = from < to ? `${from} ${to}` : `${to} ${from}`;
        if (pairs.has(pair)) {
          reasons.repeated++;
          continue;
        }
        pairs.add(pair);
        data.push({ id: randomUUID(), projectId, fromAnnotationId: from, toAnnotationId: to, kind: kind.toUpperCase() as 'CORROBORATES', authorId });
      }
      const { count } = data.length ? await tx.link.createMany({ data }) : { count: 0 };
      return { links: count, linksSkipped: relations.length - count };
    },
    /** Why relations were skipped, in words, for the import's summary. */
    skipped(): string[] {
      const out: string[] = [];
      if (reasons.noSpan) out.push(`${reasons.noSpan} relation${reasons.noSpan === 1 ? '' : 's'} not imported: a span it names did not come in with this file`);
      if (reasons.unknownType.size) out.push(`relations of type ${[...reasons.unknownType].slice(0, 5).map((t) => `"${t}"`).join(', ')} not imported: links are ${LINK_KINDS.join(' or ')}`);
      if (reasons.repeated) out.push(`${reasons.repeated} relation${reasons.repeated === 1 ? '' : 's'} repeating another, imported once`);
      return out;
    },
  };
}
