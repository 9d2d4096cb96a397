import Link from 'next/link';

/** "Projects / <project> /" above a page's title. */
export function ProjectCrumbs({ project }: { project?: { id: string; name: string } }) {
  return (
    <p className="muted" style={{ margin: '0 0 0.25rem' }}>
      <Link href="/">Projects</Link> /{project && <> <Link href={`/projects/${project.id}`}>{project.name}</Link> /</>}
    </p>
  );
}
