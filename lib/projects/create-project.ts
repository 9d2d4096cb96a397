import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { isPrismaError } from '@/lib/db/prisma-error';
import { recordEvent } from '@/lib/audit/record-event';
import { PROJECT_ROLES } from '@/lib/auth/can';
import type { Role } from '@/lib/db/generated/enums';
import type { Caller } from '@/lib/auth/caller';
import type { CreateProjectInput } from './schema';
import { getProject, type ProjectDto } from './list-projects';

/**
 * A new project for a team's own corpus. Any signed-in user may make one, and
 * holds every role in it (admin, analyst, reviewer), so a team of one can
 * start at once; the Members page hands roles to others. Names are unique:
 * a taken one is a 409 naming the field, and nothing is written. Audited as
 * `project.create` in the same transaction.
 */
export async function createProject(caller: Caller, input: CreateProjectInput): Promise<ProjectDto> {
  let id: string;
  try {
    id = await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: {
          name: input.name,
          description: input.description || null,
          memberships: { create: PROJECT_ROLES.map((role) => ({ userId: caller.id, role: role.toUpperCase() as Role })) },
        },
        select: { id: true },
      });
      await recordEvent(tx, { projectId: project.id, actorId: caller.id, action: 'project.create', objectType: 'project', objectId: project.id, after: { name: input.name } });
      return project.id;
    });
  } catch (error) {
    if (isPrismaError(error, 'P2002')) throw new AppError('CONFLICT', `There is a project named “${input.name}” already: choose another name`, { name: 'taken' });
    throw error;
  }
  return getProject(caller.id, id);
}
