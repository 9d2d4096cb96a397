import Link from 'next/link';
import { cache } from 'react';
import type { Metadata } from 'next';
import { requirePageCaller, loadOr404, titleFor } from '@/lib/auth/page-caller';
import { getProject } from '@/lib/projects/list-projects';
import { articleListQuery, listArticles, listOutlets } from '@/lib/articles/list-articles';
import { parsePageFilters } from '@/lib/api/page-query';
import { ArticleList } from '@/components/article-list';
import { ExportMenu } from '@/components/export-menu';
import { ImportDropZone } from '@/components/import-drop-zone';
import { IndependentAnnotationForm } from '@/components/review/independent-annotation-form';
import { filterMessage } from '@/components/filter-message';

/** Once per request, for the title and the page alike. */
const loadProject = cache(getProject);

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { projectId } = await params;
  return titleFor('Articles', async (caller) => `${(await loadProject(caller.id, projectId)).name} · Articles`);
}

export default async function ProjectPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const caller = await requirePageCaller(`/projects/${projectId}`);
  const { data: query, message } = parsePageFilters(articleListQuery, await searchParams, articleListQuery.parse({}));
  const [project, list, outlets] = await loadOr404(() =>
    Promise.all([loadProject(caller.id, projectId), listArticles(caller.id, projectId, query), listOutlets(caller.id, projectId)]),
  );
  return (
    <main className="page">
      <p className="muted" style={{ margin: '0 0 0.25rem' }}>
        <Link href="/">Projects</Link> /
      </p>
      <h1>{project.name}</h1>
      <nav className="project-nav" aria-label="Project views">
        <Link href={`/projects/${project.id}/matrix`}>Claims matrix</Link>
        <Link href={`/projects/${project.id}/search`}>Search</Link>
        {(project.roles.includes('reviewer') || project.roles.includes('admin')) && <Link href={`/projects/${project.id}/review`}>Review queue</Link>}
        <Link href={`/projects/${project.id}/activity`}>Activity</Link>
        <Link href={`/projects/${project.id}/orphans`}>Orphaned spans</Link>
        <Link href={`/projects/${project.id}/members`}>Members</Link>
        {(project.roles.includes('reviewer') || project.roles.includes('admin')) && <Link href={`/projects/${project.id}/agreement`}>Agreement</Link>}
        <ExportMenu projectId={project.id} outlets={outlets.map((o) => o.outlet)} />
      </nav>
      {project.roles.includes('admin') ? (
        <IndependentAnnotationForm projectId={project.id} independentAnnotation={project.independentAnnotation} />
      ) : (
        project.independentAnnotation && (
          <p className="muted" data-testid="independent-annotation">
            Independent annotation: analysts see only their own spans on an article until a reviewer opens it for comparison.
          </p>
        )
      )}
      {(project.roles.includes('analyst') || project.roles.includes('admin')) && <ImportDropZone projectId={project.id} />}
      {filterMessage(message)}
      <ArticleList projectId={project.id} query={query} list={list} outlets={outlets} />
    </main>
  );
}
