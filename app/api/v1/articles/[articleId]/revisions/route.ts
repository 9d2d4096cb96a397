import { apiRoute } from '@/lib/api/route';
import { listRevisions } from '@/lib/articles/list-revisions';

export const GET = apiRoute(async ({ caller, params }) => ({ revisions: (await listRevisions(caller.id, params.articleId)).revisions }));
