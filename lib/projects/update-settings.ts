import 'server-only';
import { db } from '@/lib/db/client';
import { assertAllowed, can, requireProjectRoles } from '@/lib/auth/permissions';
import { recordEvent } from '@/lib/audit/record-event';
import type { Caller } from '@/lib/auth/caller';
import { getProject, type ProjectDto } from './list-projects';
import type { ProjectSettingsInput } from './schema';

/**
 * Changes a project's settings (admins only), with an audit event in the same
 * transaction when something actually changed. Turning independent annotation
 * on hides other analysts' spans at once on every article not yet opened for
 * comparison; turning it off shows them again. Nothing is deleted either way.
 */
export async function updateProjectSettings(caller: Caller, projectId: string, input: ProjectSettingsInput): Promise<ProjectDto> {
  const roles = await requireProjectRoles(caller.id, projectId);
  assertAllowed(can.administer(roles), 'Only admins of this project can change its settings');
  await db.$transaction(async (tx) => {
    // FOR UPDATE: two admins toggling at once record two events in order, each with its true "before".
    const [before] = await tx.$queryRaw<{ independentAnnotation: boolean }[]>`
      SELECT "independentAnnotation" FROM "Project" WHERE id = ${projectId} FOR UPDATE`;
    if (before.independentAnnotation === input.independentAnnotation) return;
    await tx.project.update({ where: { id: projectId }, data: { independentAnnotation: input.independentAnnotation }, select: { id: true } });
    await recordEvent(tx, {
      projectId,
      actorId: caller.id,
      action: 'project.update',
      objectType: 'project',
      objectId: projectId,
      before: { independentAnnotation: before.independentAnnotation },
      after: { independentAnnotation: input.independentAnnotation },
    });
  });
  return getProject(caller.id, projectId);
}
