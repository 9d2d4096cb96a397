import 'server-only';
import type { Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { isPrismaError } from '@/lib/db/prisma-error';
import { OffsetIndex } from '@/lib/anchoring/code-points';
import { recordEvent, recordEvents, type AuditEventInput } from '@/lib/audit/record-event';
import { replaceSentences } from '@/lib/sentences/replace-sentences';
import type { articleFields } from './article-fields';
import { planReanchoring } from './plan-reanchoring';
import { reopenLinksOf, UNDECIDED } from '@/lib/review/set-decisions-aside';

export type ArticleFields = ReturnType<typeof articleFields>;
/** `reopened`: spans approved or rejected whose words the new text changed, back to pending review. */
export type RevisionOutcome = { revision: number; kept: number; reanchored: number; orphaned: number; stillOrphaned: number; reopened: number };


/**
 * Replaces an article's text with a new revision, inside the caller's
 * transaction (an import is one): the old text is kept as an ArticleRevision,
 * sentences are re-split, and every span is re-anchored onto the new text or
 * orphaned (kept and flagged, never deleted). Span ids do not change, so their
 * links, claims and review history stay attached. Each moved or orphaned span
 * gets its own audit event; the article gets one with the counts.
 *
 * A decided span placed on words that changed ("was skipped" → "was not
 * skipped") goes back to pending, as an edit of a decided span does: the
 * decision was about the old words (it stays in the span's history). So do
 * the decided links of such a span: a reviewer approved "this corroborates
 * that" of the old words too.
 *
 * Metadata the new record leaves empty (url, outlet, author, date) is kept:
 * a re-import without it should not erase what the first import knew.
 */
export async function reviseArticle(tx: Tx, articleId: string, fields: ArticleFields, actorId: string | null): Promise<RevisionOutcome | null> {
  const current = await tx.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { id: true, projectId: true, title: true, text: true, textHash: true, length: true, revision: true },
  });
  if (current.textHash === fields.textHash) return null;
  await keepOldText(tx, current);
  // Conditional on the revision read above: of two imports revising one article at once, one wins.
  const { count } = await tx.article.updateMany({
    where: { id: articleId, revision: current.revision },
    data: {
      text: fields.text,
      textHash: fields.textHash,
      length: fields.length,
      revision: current.revision + 1,
      title: fields.title,
      ...(fields.url && { url: fields.url }),
      ...(fields.outlet && { outlet: fields.outlet }),
      ...(fields.author && { author: fields.author }),
      ...(fields.publishedAt && { publishedAt: fields.publishedAt }),
    },
  });
  if (count !== 1) throw concurrentRevision(current.title);
  await replaceSentences(tx, articleId, fields.text);

  const spans = await tx.annotation.findMany({
    where: { articleId },
    select: { id: true, start: true, end: true, exact: true, prefix: true, suffix: true, textHash: true, orphaned: true, status: true },
  });
  const plan = planReanchoring(new OffsetIndex(fields.text), fields.textHash, spans);
  const byId = new Map(spans.map((s) => [s.id, s]));
  const events: AuditEventInput[] = [];
  const reopened: string[] = [];
  // Spans now on other words, decided or not: a decided link of theirs judged the old words.
  const reworded: string[] = [];
  for (const step of plan) {
    if (step.outcome === 'still-orphaned') continue; // nothing new to say about it
    const changed = step.outcome !== 'kept';
    const old = byId.get(step.id)!;
    const newWords = step.outcome === 'reanchored' && step.update.exact !== old.exact;
    if (newWords) reworded.push(step.id);
    const reopen = newWords && old.status !== 'PENDING';
    // A moved or orphaned span gets a new version: an edit made against the old offsets is stale.
    await tx.annotation.update({ where: { id: step.id }, data: { ...step.update, ...(changed && { version: { increment: 1 } }), ...(reopen && UNDECIDED) } });
    if (!changed) continue;
    if (reopen) reopened.push(step.id);
    events.push({
      projectId: current.projectId,
      actorId,
      action: step.outcome === 'orphaned' ? 'annotation.orphan' : 'annotation.reanchor',
      objectType: 'annotation',
      objectId: step.id,
      before: { articleId, start: old.start, end: old.end, exact: old.exact, textHash: old.textHash, orphaned: old.orphaned, ...(reopen && { status: old.status.toLowerCase() }) },
      after: { articleId, revision: current.revision + 1, ...step.update, ...(reopen && { status: 'pending' }) },
    });
  }
  events.push(...(await reopenLinksOf(tx, current.projectId, reworded, actorId, 'the words of a span it links changed in a new revision')));
  await recordEvents(tx, events);

  const outcome: RevisionOutcome = {
    revision: current.revision + 1,
    kept: plan.filter((p) => p.outcome === 'kept').length,
    reanchored: plan.filter((p) => p.outcome === 'reanchored').length,
    orphaned: plan.filter((p) => p.outcome === 'orphaned').length,
    stillOrphaned: plan.filter((p) => p.outcome === 'still-orphaned').length,
    reopened: reopened.length,
  };
  const { revision: _revision, ...spanCounts } = outcome;
  await recordEvent(tx, {
    projectId: current.projectId,
    actorId,
    action: 'article.revise',
    objectType: 'article',
    objectId: articleId,
    // articleId in the payload: the reader's live stream (lib/live/article-events.ts) matches on it.
    before: { articleId, revision: current.revision, textHash: current.textHash, length: current.length },
    after: { articleId, revision: outcome.revision, textHash: fields.textHash, length: fields.length, spans: spanCounts },
  });
  return outcome;
}

async function keepOldText(tx: Tx, current: { id: string; title: string; text: string; textHash: string; length: number; revision: number }) {
  try {
    await tx.articleRevision.create({
      data: { articleId: current.id, revision: current.revision, text: current.text, textHash: current.textHash, length: current.length },
    });
  } catch (error) {
    if (isPrismaError(error, 'P2002')) throw concurrentRevision(current.title);
    throw error;
  }
}

const concurrentRevision = (title: string) =>
  new AppError('CONFLICT', `"${title}" was revised by another import at the same time; import the file again`);
