import 'server-only';
import { SqlFragment } from '@/lib/db/client';
import type { AnnotationDto } from './dto';
import { toAnnotationDto } from './to-dto';

/** A span as `spanColumns` selects it: the DTO's columns, its author by id and name. */
export type SpanRow = Omit<Parameters<typeof toAnnotationDto>[0], 'author'> & { authorId: string; authorName: string };

/**
 * The columns an AnnotationDto is made of, for the span `span` and its
 * author `user` (a join on "User"), in raw SQL on the pool (lib/db/client.ts,
 * `sql`): one list for every statement that answers with spans.
 */
export function spanColumns(span: string, user: string): SqlFragment {
  const c = (column: string) => `${span}."${column}"`;
  return new SqlFragment(
    [
      'id', 'articleId', 'label', 'note', 'speaker', 'start', 'end', 'exact', 'prefix', 'suffix', 'textHash',
      'status', 'version', 'createdAt', 'updatedAt', 'reviewComment', 'reviewedAt', 'orphaned', 'anchorScore', 'authorId',
    ].map(c).join(', ') + `, ${user}.name AS "authorName"`,
  );
}

export const spanRowToDto = ({ authorId, authorName, ...span }: SpanRow): AnnotationDto => toAnnotationDto({ ...span, author: { id: authorId, name: authorName } });
