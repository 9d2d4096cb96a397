import { describe, expect, it } from 'vitest';
import { addProjectMember, listProjectMembers, setMemberRoles } from '@/lib/projects/members';
import { addMemberInput, memberRolesInput } from '@/lib/projects/schema';
import { getArticle } from '@/lib/articles/get-article';
import { as, expectAppError } from '../app-error';
import { makeTeam, testDb } from '../factories';

const roles = (...r: string[]) => memberRolesInput.parse({ roles: r });

describe('project members', () => {
  it('lists members with their roles; emails only for admins', async () => {
    const team = await makeTeam();
    const asAdmin = await listProjectMembers(team.admin.id, team.project.id);
    expect(asAdmin.map((m) => [m.name, m.roles])).toEqual([
      ['Admin', ['admin']],
      ['Analyst', ['analyst']],
      ['Analyst Two', ['analyst']],
      ['Reviewer', ['reviewer']],
    ]);
    expect(asAdmin.find((m) => m.id === team.analyst.id)?.email).toBe(team.analyst.email);
    expect((await listProjectMembers(team.analyst.id, team.project.id)).every((m) => m.email === null)).toBe(true);
    await expectAppError(listProjectMembers(team.outsider.id, team.project.id), 'NOT_FOUND');
  });

  it('an admin adds someone by email, changes roles and removes them, each change audited; the removed member loses access at once', async () => {
    const team = await makeTeam();
    const admin = as(team.admin);
    const added = await addProjectMember(admin, team.project.id, addMemberInput.parse({ email: ` ${team.outsider.email.toUpperCase()} `, roles: ['reviewer'] }));
    expect(added).toMatchObject({ id: team.outsider.id, roles: ['reviewer'] });
    expect((await getArticle(team.outsider.id, team.article.id)).article.id).toBe(team.article.id);
    // Adding keeps the roles they have.
    expect((await addProjectMember(admin, team.project.id, addMemberInput.parse({ email: team.outsider.email, roles: ['analyst'] }))).roles).toEqual(['analyst', 'reviewer']);
    expect((await setMemberRoles(admin, team.project.id, team.outsider.id, roles('reviewer')))?.roles).toEqual(['reviewer']);
    expect(await setMemberRoles(admin, team.project.id, team.outsider.id, roles())).toBeNull();
    await expectAppError(getArticle(team.outsider.id, team.article.id), 'NOT_FOUND');
    const events = await testDb().auditEvent.findMany({ where: { projectId: team.project.id, action: 'member.update' }, orderBy: { seq: 'asc' }, select: { objectId: true, before: true, after: true, actorId: true } });
    expect(events.map((e) => [e.before, e.after])).toEqual([
      [{ roles: [] }, { roles: ['reviewer'] }],
      [{ roles: ['reviewer'] }, { roles: ['analyst', 'reviewer'] }],
      [{ roles: ['analyst', 'reviewer'] }, { roles: ['reviewer'] }],
      [{ roles: ['reviewer'] }, { roles: [] }],
    ]);
    expect(events.every((e) => e.objectId === team.outsider.id && e.actorId === team.admin.id)).toBe(true);
    // Setting the roles someone has already changes and records nothing.
    await setMemberRoles(admin, team.project.id, team.analyst.id, roles('analyst'));
    expect(await testDb().auditEvent.count({ where: { projectId: team.project.id, action: 'member.update' } })).toBe(4);
  });

  it('keeps the last admin, refuses non-admins and unknown accounts or members by name', async () => {
    const team = await makeTeam();
    const lastAdmin = await expectAppError(setMemberRoles(as(team.admin), team.project.id, team.admin.id, roles('analyst')), 'CONFLICT');
    expect(lastAdmin.fields).toEqual({ roles: 'the last admin keeps the admin role' });
    // With a second admin, the first may step down.
    await setMemberRoles(as(team.admin), team.project.id, team.reviewer.id, roles('admin', 'reviewer'));
    expect((await setMemberRoles(as(team.admin), team.project.id, team.admin.id, roles('analyst')))?.roles).toEqual(['analyst']);

    await expectAppError(setMemberRoles(as(team.analyst), team.project.id, team.analyst2.id, roles('admin')), 'FORBIDDEN');
    await expectAppError(addProjectMember(as(team.analyst), team.project.id, addMemberInput.parse({ email: team.outsider.email, roles: ['admin'] })), 'FORBIDDEN');
    await expectAppError(setMemberRoles(as(team.outsider), team.project.id, team.analyst.id, roles()), 'NOT_FOUND');
    const unknown = await expectAppError(addProjectMember(as(team.reviewer), team.project.id, addMemberInput.parse({ email: 'nobody@nowhere.example', roles: ['analyst'] })), 'NOT_FOUND');
    expect(unknown.fields).toEqual({ email: 'no such account' });
    // Adding someone with roles they have already says so rather than "added".
    const again = await expectAppError(addProjectMember(as(team.reviewer), team.project.id, addMemberInput.parse({ email: team.analyst.email, roles: ['analyst'] })), 'CONFLICT');
    expect(again.message).toBe(`${team.analyst.email} is a member already, as analyst`);
    await expectAppError(setMemberRoles(as(team.reviewer), team.project.id, team.outsider.id, roles('analyst')), 'NOT_FOUND');
    expect(() => addMemberInput.parse({ email: 'not an email', roles: ['analyst'] })).toThrow();
    expect(() => addMemberInput.parse({ email: 'a@b.example', roles: [] })).toThrow();
  });
});
