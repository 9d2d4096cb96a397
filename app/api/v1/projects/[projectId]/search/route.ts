import { apiRoute, parseQuery } from '@/lib/api/route';
import { searchQuery } from '@/lib/search/schema';
import { searchProject } from '@/lib/search/search-project';

export const GET = apiRoute(async ({ req, caller, params }) => searchProject(caller, params.projectId, parseQuery(req, searchQuery).q));
