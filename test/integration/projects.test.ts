import { describe, expect, it } from 'vitest';
import { listProjects } from '@/lib/projects/list-projects';
import { listArticles } from '@/lib/articles/list-articles';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { AppError } from '@/lib/errors';
import { addMember, makeTeam } from '../factories';

describe('projects and articles', () => {
  it('a user sees only the projects they belong to, with their roles', async () => {
    const team = await makeTeam();
    await addMember(team.analyst.id, team.project.id, 'REVIEWER');
    const mine = await listProjects(team.analyst.id);
    const entry = mine.find((p) => p.id === team.project.id);
    expect(entry?.roles.sort()).toEqual(['analyst', 'reviewer']);
    expect(mine.some((p) => p.id === team.otherProject.id)).toBe(false);
    expect((await listProjects(team.outsider.id)).map((p) => p.id)).toEqual([team.otherProject.id]);
  });

  it('lists articles with the count of each tag, and hides them from non-members', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    const caller = { ...team.analyst, via: 'token' as const };
    await createAnnotation(caller, team.article.id, { start: 0, end: 7, label: 'assertion' });
    await createAnnotation(caller, team.article.id, { start: 8, end: 16, label: 'assertion' });
    await createAnnotation(caller, team.article.id, { start: 28, end: 44, label: 'denial' });
    const [article] = await listArticles(team.reviewer.id, team.project.id);
    expect(article.counts).toEqual({ assertion: 2, denial: 1, evidence: 0 });
    expect(article).not.toHaveProperty('text');
    await expect(listArticles(team.outsider.id, team.project.id)).rejects.toBeInstanceOf(AppError);
  });
});
