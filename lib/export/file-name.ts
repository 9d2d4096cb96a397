import type { ExportQuery } from './schema';

const slug = (s: string) => s.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();

/** Longest file name stem: filters beyond it are cut (the file's content is what the filters say). */
const MAX_STEM = 100;

/**
 * The download's file name: project, status, then what the filters keep
 * (tags, outlets, how many articles), so that two exports of the same project
 * with other filters do not overwrite each other in a downloads folder.
 */
export function exportFileName(projectName: string, query: Pick<ExportQuery, 'status' | 'label' | 'outlet' | 'articleId'>, extension: string): string {
  const parts = [slug(projectName) || 'project', query.status];
  if (query.label?.length) parts.push(...query.label);
  if (query.outlet?.length) parts.push(...query.outlet.map((o) => slug(o) || 'outlet'));
  if (query.articleId?.length) parts.push(query.articleId.length === 1 ? '1-article' : `${query.articleId.length}-articles`);
  const stem = parts.join('-');
  return `${stem.length > MAX_STEM ? stem.slice(0, MAX_STEM).replace(/-+$/, '') : stem}.${extension}`;
}

/** What an export holds, in words, for the W3C collection's label: "approved; tags denial; outlets Wire". */
export function exportScopeWords(query: Pick<ExportQuery, 'status' | 'label' | 'outlet' | 'articleId'>): string {
  const parts: string[] = [query.status === 'approved' ? 'approved' : 'all'];
  if (query.label?.length) parts.push(`tags ${query.label.join(', ')}`);
  if (query.outlet?.length) parts.push(`outlets ${query.outlet.join(', ')}`);
  if (query.articleId?.length) parts.push(query.articleId.length === 1 ? '1 article' : `${query.articleId.length} articles`);
  return parts.join('; ');
}
