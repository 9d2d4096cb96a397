import { apiRoute, parseQuery } from '@/lib/api/route';
import { articleListQuery, listArticles } from '@/lib/articles/list-articles';

export const GET = apiRoute(async ({ req, caller, params }) => listArticles(caller.id, params.projectId, parseQuery(req, articleListQuery)));
