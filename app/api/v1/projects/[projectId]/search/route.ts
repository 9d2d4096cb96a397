import { apiRoute, parseQuery } from '@/lib/api/route';
import { searchQuery } from '@/lib/search/schema';
import { searchProject } from '@/lib/search/search-project';

export const GET = apiRoute(async ({ req, caller, params }) => {
  const { q, page } = parseQuery(req, searchQuery);
  return searchProject(caller, params.projectId, q, page);
});
