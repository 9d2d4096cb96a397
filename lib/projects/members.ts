import 'server-only';
import { db, type Tx } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertAllowed, can, requireProjectRoles, toProjectRole, type ProjectRole } from '@/lib/auth/permissions';
import { PROJECT_ROLES } from '@/lib/auth/can';
import { recordEvent } from '@/lib/audit/record-event';
import type { Caller } from '@/lib/auth/caller';
import type { Role } from '@/lib/db/generated/enums';
import type { AddMemberInput, MemberRolesInput } from './schema';

/** A member as the members page shows them: email only to admins (it is a sign-in name). */
export type MemberDto = { id: string; name: string; email: string | null; roles: ProjectRole[] };

const byRole = (a: ProjectRole, b: ProjectRole) => PROJECT_ROLES.indexOf(a) - PROJECT_ROLES.indexOf(b);

/** The project's members with their roles, by name. Any member may see who is in the project. */
export async function listProjectMembers(userId: string, projectId: string): Promise<MemberDto[]> {
  const roles = await requireProjectRoles(userId, projectId);
  return readMembers(db, projectId, can.administer(roles));
}

async function readMembers(tx: Pick<Tx, 'user'>, projectId: string, withEmail: boolean, only?: string): Promise<MemberDto[]> {
  const users = await tx.user.findMany({
    where: { ...(only && { id: only }), memberships: { some: { projectId } } },
    select: { id: true, name: true, email: true, memberships: { where: { projectId }, select: { role: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return users.map((u) => ({ id: u.id, name: u.name, email: withEmail ? u.email : null, roles: u.memberships.map((m) => toProjectRole(m.role)).sort(byRole) }));
}

/**
 * Sets a member's roles (admins only): the roles given, no others; none takes
 * them out of the project, which they then cannot open at all (every entry
 * point checks membership on each request). The last admin keeps the admin
 * role: a project without one could not be managed from the app.
 */
export async function setMemberRoles(caller: Caller, projectId: string, memberId: string, input: MemberRolesInput): Promise<MemberDto | null> {
  await requireAdmin(caller, projectId);
  return db.$transaction(async (tx) => {
    // Locks the project's memberships: two admins demoting each other at once cannot leave none.
    const current = await tx.$queryRaw<{ userId: string; role: Role }[]>`
      SELECT "userId", role FROM "Membership" WHERE "projectId" = ${projectId} FOR UPDATE`;
    const before = current.filter((m) => m.userId === memberId).map((m) => toProjectRole(m.role));
    if (before.length === 0) throw new AppError('NOT_FOUND', 'No such member of this project', { userId: 'not a member' });
    const admins = new Set(current.filter((m) => m.role === 'ADMIN').map((m) => m.userId));
    if (admins.has(memberId) && admins.size === 1 && !input.roles.includes('admin')) {
      throw new AppError('CONFLICT', 'This is the project’s only admin: make someone else admin first', { roles: 'the last admin keeps the admin role' });
    }
    return applyRoles(tx, caller, projectId, memberId, before, input.roles);
  });
}

/** Adds someone with an account to the project by email (admins only), with these roles besides any they have. */
export async function addProjectMember(caller: Caller, projectId: string, input: AddMemberInput): Promise<MemberDto> {
  await requireAdmin(caller, projectId);
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!user) {
    throw new AppError('NOT_FOUND', `No account with the email ${input.email}: an administrator creates accounts with npm run cli -- user add`, {
      email: 'no such account',
    });
  }
  return db.$transaction(async (tx) => {
    const before = (await tx.membership.findMany({ where: { projectId, userId: user.id }, select: { role: true } })).map((m) => toProjectRole(m.role));
    if (input.roles.every((r) => before.includes(r))) {
      throw new AppError('CONFLICT', `${input.email} is a member already, as ${before.sort(byRole).join(' and ')}`, { email: 'already a member with these roles' });
    }
    return (await applyRoles(tx, caller, projectId, user.id, before, [...new Set([...before, ...input.roles])]))!;
  });
}

async function requireAdmin(caller: Caller, projectId: string) {
  const roles = await requireProjectRoles(caller.id, projectId);
  assertAllowed(can.administer(roles), 'Only admins of this project manage its members');
}

/** Makes the member's roles `roles`, records what changed, and answers the member as they are now (null once out of the project). */
async function applyRoles(tx: Tx, caller: Caller, projectId: string, userId: string, before: ProjectRole[], roles: ProjectRole[]): Promise<MemberDto | null> {
  const removed = before.filter((r) => !roles.includes(r));
  const added = roles.filter((r) => !before.includes(r));
  if (removed.length) await tx.membership.deleteMany({ where: { projectId, userId, role: { in: removed.map((r) => r.toUpperCase() as Role) } } });
  if (added.length) await tx.membership.createMany({ data: added.map((r) => ({ projectId, userId, role: r.toUpperCase() as Role })) });
  if (removed.length || added.length) {
    await recordEvent(tx, {
      projectId,
      actorId: caller.id,
      action: 'member.update',
      objectType: 'user',
      objectId: userId,
      before: { roles: [...before].sort(byRole) },
      after: { roles: [...roles].sort(byRole) },
    });
  }
  const [member] = await readMembers(tx, projectId, true, userId);
  return member ?? null;
}
