import 'server-only';
import { db } from '@/lib/db/client';
import { assertAllowed, can, requireProjectRoles } from '@/lib/auth/permissions';
import { compareAnnotators, type AgreementReport } from './compare-annotators';

/** `quotes`: the text of each mismatched span, so a reviewer reads what differs rather than offsets. */
export type AgreementDto = AgreementReport & { names: Record<string, string>; quotes: Record<string, string> };

/**
 * Inter-annotator agreement for a project (or one article): every analyst
 * with spans on an article counts as having annotated it, at character level.
 */
export async function getAgreement(userId: string, projectId: string, articleId?: string): Promise<AgreementDto> {
  const roles = await requireProjectRoles(userId, projectId);
  assertAllowed(can.review(roles), 'Only reviewers and admins of this project see agreement');
  const articles = await db.article.findMany({
    where: { projectId, ...(articleId && { id: articleId }) },
    select: {
      id: true,
      length: true,
      // Orphans are left out: their offsets index an older text of the article.
      annotations: { where: { orphaned: false }, select: { id: true, start: true, end: true, label: true, authorId: true } },
    },
  });
  const input = articles
    .map((a) => {
      const byAnnotator: Record<string, { id: string; start: number; end: number; label: string }[]> = {};
      for (const s of a.annotations) (byAnnotator[s.authorId] ??= []).push({ id: s.id, start: s.start, end: s.end, label: s.label.toLowerCase() });
      return { id: a.id, length: a.length, byAnnotator };
    })
    .filter((a) => Object.keys(a.byAnnotator).length >= 2);
  const report = compareAnnotators(input);
  const mismatched = [...new Set(report.pairs.flatMap((p) => p.mismatches.map((m) => m.spanId)))];
  const [users, quoted] = await Promise.all([
    db.user.findMany({ where: { id: { in: report.annotators } }, select: { id: true, name: true } }),
    db.annotation.findMany({ where: { id: { in: mismatched } }, select: { id: true, exact: true } }),
  ]);
  return { ...report, names: Object.fromEntries(users.map((u) => [u.id, u.name])), quotes: Object.fromEntries(quoted.map((q) => [q.id, q.exact])) };
}
