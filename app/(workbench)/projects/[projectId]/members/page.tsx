import type { Metadata } from 'next';
import { ProjectCrumbs } from '@/components/project-crumbs';
import { requirePageCaller, loadOr404 } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { listProjectMembers } from '@/lib/projects/members';
import { MembersEditor } from '@/components/members/members-editor';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}/members`);
  const [project, members] = await loadOr404(() => Promise.all([getProject(caller.id, projectId), listProjectMembers(caller.id, projectId)]));
  const admin = project.roles.includes('admin');
  return (
    <main className="page">
      <ProjectCrumbs project={project} />
      <h1>Members</h1>
      <p className="muted">
        Analysts tag and link; reviewers approve and reject; admins also manage members and settings. {admin
          ? 'Accounts are created by an administrator (npm run cli -- user add); add one here by its email.'
          : 'Admins of the project change who is in it.'}
      </p>
      <MembersEditor projectId={project.id} members={members} canManage={admin} currentUserId={caller.id} />
    </main>
  );
}
