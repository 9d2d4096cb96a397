import 'server-only';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import type { Role } from '@/lib/db/generated/enums';

export type AddUserInput = { email: string; name: string; password?: string; projectId?: string; role?: Role };

/**
 * Creates or updates a user (by email) and, if given, a role in a project.
 * Idempotent: running it again changes nothing but the password, if one is given.
 */
export async function addUser(input: AddUserInput) {
  const email = input.email.trim().toLowerCase();
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('BAD_REQUEST', `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`, { password: 'too short' });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: input.name, passwordHash },
    update: { name: input.name, ...(passwordHash && { passwordHash }) },
    select: { id: true, email: true, name: true },
  });
  if (input.projectId && input.role) {
    await db.membership.upsert({
      where: { userId_projectId_role: { userId: user.id, projectId: input.projectId, role: input.role } },
      create: { userId: user.id, projectId: input.projectId, role: input.role },
      update: {},
    });
  }
  return user;
}

/** A project by id or by exact name. */
export async function findProjectByIdOrName(idOrName: string) {
  const project = await db.project.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, select: { id: true, name: true } });
  if (!project) throw new AppError('NOT_FOUND', `No project with id or name "${idOrName}"`);
  return project;
}
