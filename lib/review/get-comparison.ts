import 'server-only';
import { db } from '@/lib/db/client';
import { notFound } from '@/lib/errors';
import { assertAllowed, can, memberOf, toProjectRole } from '@/lib/auth/permissions';
import { annotationSelect, toAnnotationDto } from '@/lib/annotations/to-dto';
import { compareAnnotators } from '@/lib/agreement/compare-annotators';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { ComparisonAgreement, ComparisonAnalyst, ComparisonDto, ComparisonItem } from './comparison-dto';
import type { ComparisonQuery } from './comparison-schema';
import { pairKey, pairSpans } from './pair-spans';
import { readOpened } from './open-comparison';

/**
 * Two analysts' spans on one article, paired for a reviewer to decide on side
 * by side, with their agreement on this article. Reviewers and admins only
 * (they see every span whatever the project's setting). Orphans are left out:
 * their offsets index an older text. Unknown analyst ids in the query fall
 * back to the two analysts with most spans, so a stale link still opens.
 */
export async function getComparison(userId: string, articleId: string, query: ComparisonQuery): Promise<ComparisonDto> {
  const article = await db.article.findFirst({
    where: { id: articleId, project: memberOf(userId) },
    select: {
      id: true,
      projectId: true,
      title: true,
      outlet: true,
      text: true,
      length: true,
      project: { select: { name: true, independentAnnotation: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
  if (!article) throw notFound('Article');
  const roles = article.project.memberships.map((m) => toProjectRole(m.role));
  assertAllowed(can.review(roles), 'Only reviewers and admins of this project compare analysts');

  const rows = await db.annotation.findMany({
    where: { articleId, orphaned: false },
    select: annotationSelect,
    orderBy: [{ start: 'asc' }, { end: 'asc' }, { id: 'asc' }],
  });
  const spans = rows.map(toAnnotationDto);
  const analysts = listAnalysts(spans);
  const a = analysts.find((x) => x.id === query.a) ?? analysts.find((x) => x.id !== query.b) ?? null;
  const b = analysts.find((x) => x.id === query.b && x.id !== a?.id) ?? analysts.find((x) => x.id !== a?.id) ?? null;
  const spansA = a ? spans.filter((s) => s.author.id === a.id) : [];
  const spansB = b ? spans.filter((s) => s.author.id === b.id) : [];
  const items: ComparisonItem[] = a && b ? pairSpans(spansA, spansB).map((p) => ({ key: pairKey(p), kind: p.kind, a: p.a, b: p.b })) : [];
  const opened = await readOpened(articleId);

  return {
    article: {
      id: article.id,
      projectId: article.projectId,
      projectName: article.project.name,
      title: article.title,
      outlet: article.outlet,
      text: article.text,
      length: article.length,
    },
    independentAnnotation: article.project.independentAnnotation,
    opened,
    analysts,
    a,
    b,
    items,
    agreement: a && b ? agreementOf(article, a.id, spansA, b.id, spansB, items) : null,
  };
}

function listAnalysts(spans: AnnotationDto[]): ComparisonAnalyst[] {
  const byId = new Map<string, ComparisonAnalyst>();
  for (const s of spans) {
    const entry = byId.get(s.author.id) ?? { id: s.author.id, name: s.author.name, spans: 0 };
    entry.spans++;
    byId.set(s.author.id, entry);
  }
  return [...byId.values()].sort((x, y) => y.spans - x.spans || x.name.localeCompare(y.name) || x.id.localeCompare(y.id));
}

/** Cohen's kappa over this article's characters (lib/agreement), and how the spans paired. */
function agreementOf(
  article: { id: string; length: number },
  aId: string,
  spansA: AnnotationDto[],
  bId: string,
  spansB: AnnotationDto[],
  items: ComparisonItem[],
): ComparisonAgreement {
  const coded = (list: AnnotationDto[]) => list.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label }));
  const [pair] = compareAnnotators([{ id: article.id, length: article.length, byAnnotator: { [aId]: coded(spansA), [bId]: coded(spansB) } }]).pairs;
  const count = (kind: ComparisonItem['kind']) => items.filter((i) => i.kind === kind).length;
  return {
    overall: pair!.overall,
    perLabel: pair!.perLabel,
    exact: count('exact'),
    partial: count('partial'),
    tagDiffers: count('tag'),
    onlyA: count('only-a'),
    onlyB: count('only-b'),
  };
}
