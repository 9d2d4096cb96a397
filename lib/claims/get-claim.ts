import 'server-only';
import { db } from '@/lib/db/client';
import { LABELS, type Label, type ReviewStatus } from '@/lib/annotations/dto';
import { linkSelect, toLinkDto } from '@/lib/links/to-dto';
import { visibleSpanWhere } from '@/lib/annotations/span-visibility';
import type { Caller } from '@/lib/auth/caller';
import { UNKNOWN_OUTLET, type ClaimDetailDto, type ClaimOutletGroup, type ClaimSpanDto } from './dto';
import { findClaimForUser } from './find-claim';
import { readClaim } from './read-claims';
import { compareOutlets } from './compare-outlets';

const claimSpanSelect = {
  id: true,
  articleId: true,
  label: true,
  exact: true,
  start: true,
  end: true,
  speaker: true,
  status: true,
  author: { select: { id: true, name: true } },
  article: { select: { title: true, outlet: true } },
} as const;

/**
 * A claim with the spans the caller may see (independent annotation) grouped by
 * outlet and tag, and the links among those spans.
 */
export async function getClaim(caller: Pick<Caller, 'id'>, id: string): Promise<ClaimDetailDto> {
  const found = await findClaimForUser(caller.id, id);
  const [claim, project, rows] = await Promise.all([
    readClaim(id, found.visibility),
    db.project.findUniqueOrThrow({ where: { id: found.projectId }, select: { name: true } }),
    db.annotation.findMany({
      where: { claimId: id, ...visibleSpanWhere(found.visibility) },
      select: claimSpanSelect,
      orderBy: [{ article: { title: 'asc' } }, { articleId: 'asc' }, { start: 'asc' }],
    }),
  ]);
  const spans: ClaimSpanDto[] = rows.map(({ article, ...row }) => ({
    ...row,
    articleTitle: article.title,
    outlet: article.outlet ?? UNKNOWN_OUTLET,
    label: row.label.toLowerCase() as Label,
    status: row.status.toLowerCase() as ReviewStatus,
  }));
  const ids = spans.map((s) => s.id);
  const links = ids.length
    ? await db.link.findMany({
        where: { fromAnnotationId: { in: ids }, toAnnotationId: { in: ids } },
        select: linkSelect,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      })
    : [];
  const counts = { assertion: 0, denial: 0, evidence: 0 };
  for (const s of spans) counts[s.label]++;
  return { ...claim, projectName: project.name, counts, groups: groupByOutlet(spans), links: links.map(toLinkDto) };
}

function groupByOutlet(spans: ClaimSpanDto[]): ClaimOutletGroup[] {
  const byOutlet = new Map<string, ClaimOutletGroup>();
  for (const span of spans) {
    let group = byOutlet.get(span.outlet);
    if (!group) {
      group = { outlet: span.outlet, labels: Object.fromEntries(LABELS.map((l) => [l, []])) as unknown as ClaimOutletGroup['labels'] };
      byOutlet.set(span.outlet, group);
    }
    group.labels[span.label].push(span);
  }
  return [...byOutlet.values()].sort((a, b) => compareOutlets(a.outlet, b.outlet));
}

