import { testDb } from '../factories';

// Every row a request to one project could write, as count + md5 of the rows'
// full text form (all columns, id order), in one round trip. Equal before and
// after a refused request means the request wrote nothing, not even partly.
const TABLES: Record<string, string> = {
  project: `FROM "Project" t WHERE t.id = $1`,
  membership: `FROM "Membership" t WHERE t."projectId" = $1`,
  article: `FROM "Article" t WHERE t."projectId" = $1`,
  articleRevision: `FROM "ArticleRevision" t JOIN "Article" a ON a.id = t."articleId" WHERE a."projectId" = $1`,
  sentence: `FROM "Sentence" t JOIN "Article" a ON a.id = t."articleId" WHERE a."projectId" = $1`,
  annotation: `FROM "Annotation" t JOIN "Article" a ON a.id = t."articleId" WHERE a."projectId" = $1`,
  link: `FROM "Link" t WHERE t."projectId" = $1`,
  claim: `FROM "Claim" t WHERE t."projectId" = $1`,
  dismissal: `FROM "SuggestionDismissal" t JOIN "Annotation" s ON s.id = t."annotationId" JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = $1`,
  auditEvent: `FROM "AuditEvent" t WHERE t."projectId" = $1`,
};

const QUERY =
  'SELECT ' +
  Object.entries(TABLES)
    .map(([name, from]) => `(SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') ${from}) AS "${name}"`)
    .join(', ');

export async function projectChecksum(projectId: string): Promise<Record<string, string>> {
  const [row] = await testDb().$queryRawUnsafe<Record<string, string>[]>(QUERY, projectId);
  return row;
}
