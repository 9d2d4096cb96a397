import { apiRoute } from '@/lib/api/route';
import { listArticles } from '@/lib/articles/list-articles';

export const GET = apiRoute(async ({ caller, params }) => ({ articles: await listArticles(caller.id, params.projectId) }));
