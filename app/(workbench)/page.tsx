import Link from 'next/link';
import type { Metadata } from 'next';
import { requirePageCaller } from '@/lib/auth/page-caller';
import { listProjects } from '@/lib/projects/list-projects';
import { NewProjectForm } from '@/components/new-project-form';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const caller = await requirePageCaller('/');
  const projects = await listProjects(caller.id);
  return (
    <main className="page">
      <h1>Your projects</h1>
      {projects.length === 0 ? (
        <p className="muted">You are not a member of any project yet. Ask an admin to add you, or start one below.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Project</th>
              <th>Your roles</th>
              <th className="num">Articles</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/projects/${p.id}`}>{p.name}</Link>
                  {p.description && <div className="muted" style={{ fontSize: '0.85rem', marginTop: 4 }}>{p.description}</div>}
                </td>
                <td>{p.roles.join(', ')}</td>
                <td className="num">{p.articleCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewProjectForm />
    </main>
  );
}
