import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can } from '@/lib/auth/permissions';
import type { Caller } from '@/lib/auth/caller';
import { OffsetIndex, quoteSelector } from '@/lib/anchoring/code-points';
import { recordEvent, recordEvents } from '@/lib/audit/record-event';
import { reopenLinksOf, UNDECIDED } from '@/lib/review/set-decisions-aside';
import { findAnnotationForUser } from './find-annotation';
import { annotationSelect, toAnnotationDto } from './to-dto';
import { staleSpan } from './update-annotation';
import type { AnnotationDto } from './dto';
import type { PlaceOrphanInput } from './schema';

/**
 * Gives an orphaned span a place in its article's current text, chosen by a
 * person (the orphans page offers the best guess). Unlike tagging the passage
 * again, the span keeps its id, and with it its links, its claim and its
 * history. A span now on other words goes back to pending review; on the
 * very words it had, its review stands. Its author or an admin only.
 */
export async function placeOrphan(caller: Caller, id: string, input: PlaceOrphanInput): Promise<AnnotationDto> {
  const found = await findAnnotationForUser(caller.id, id);
  assertAllowed(can.changeSpan(found.roles, found.authorId, caller.id), 'Only the author or an admin can place this span');
  return db.$transaction(async (tx) => {
    const span = await tx.annotation.findUniqueOrThrow({ where: { id }, select: { ...annotationSelect, article: { select: { text: true, textHash: true } } } });
    if (!span.orphaned) throw new AppError('CONFLICT', 'This span has a place in the current text already', { id: 'not orphaned' });
    if (span.version !== input.version) throw staleSpan(span.version, input.version);
    const index = new OffsetIndex(span.article.text);
    if (input.end > index.length) {
      throw new AppError('BAD_REQUEST', `end ${input.end} is past the end of the article (${index.length} code points)`, { end: `must be at most ${index.length}` });
    }
    const selector = quoteSelector(index, input.start, input.end);
    if (selector.exact.trim() === '') throw new AppError('BAD_REQUEST', 'A span must contain more than whitespace', { start: 'selects only whitespace' });
    const sameWords = selector.exact === span.exact;
    // Conditional on the version read above: a concurrent edit or review makes this a 409, not a lost update.
    const { count } = await tx.annotation.updateMany({
      where: { id, version: input.version },
      data: {
        start: input.start,
        end: input.end,
        ...selector,
        textHash: span.article.textHash,
        orphaned: false,
        anchorScore: 1,
        version: { increment: 1 },
        // On other words: the decision was about the old ones (it stays in the history), as for its decided links.
        ...(!sameWords && UNDECIDED),
      },
    });
    if (count !== 1) throw staleSpan(span.version + 1, input.version);
    const placed = await tx.annotation.findUniqueOrThrow({ where: { id }, select: annotationSelect });
    if (!sameWords) await recordEvents(tx, await reopenLinksOf(tx, found.projectId, [id], caller.id, 'the span it links was placed on other words'));
    await recordEvent(tx, {
      projectId: found.projectId,
      actorId: caller.id,
      action: 'annotation.place',
      objectType: 'annotation',
      objectId: id,
      before: { start: span.start, end: span.end, exact: span.exact, textHash: span.textHash, orphaned: true, status: span.status.toLowerCase() },
      after: { start: placed.start, end: placed.end, exact: placed.exact, textHash: placed.textHash, orphaned: false, status: placed.status.toLowerCase() },
    });
    return toAnnotationDto(placed);
  });
}
