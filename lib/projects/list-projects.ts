import 'server-only';
import { db } from '@/lib/db/client';
import { memberOf, requireProjectRoles, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';

export type ProjectDto = {
  id: string;
  name: string;
  description: string | null;
  roles: ProjectRole[];
  articleCount: number;
  /** Analysts see only their own spans until an article is opened for comparison (lib/annotations/span-visibility.ts). */
  independentAnnotation: boolean;
};

const projectSelect = (userId: string) =>
  ({
    id: true,
    name: true,
    description: true,
    independentAnnotation: true,
    memberships: { where: { userId }, select: { role: true } },
    _count: { select: { articles: true } },
  }) as const;

type Row = { id: string; name: string; description: string | null; independentAnnotation: boolean; memberships: { role: Parameters<typeof toProjectRole>[0] }[]; _count: { articles: number } };

const toDto = ({ memberships, _count, ...p }: Row): ProjectDto => ({
  ...p,
  roles: memberships.map((m) => toProjectRole(m.role)),
  articleCount: _count.articles,
});

/** The projects the user belongs to: nobody sees any other. */
export async function listProjects(userId: string): Promise<ProjectDto[]> {
  const rows = await db.project.findMany({ where: memberOf(userId), select: projectSelect(userId), orderBy: { name: 'asc' } });
  return rows.map(toDto);
}

export async function getProject(userId: string, projectId: string): Promise<ProjectDto> {
  await requireProjectRoles(userId, projectId);
  const row = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: projectSelect(userId) });
  return toDto(row);
}
