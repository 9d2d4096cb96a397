import { apiRoute, parseQuery } from '@/lib/api/route';
import { listReviewQueue, queueQuery } from '@/lib/review/list-queue';

export const GET = apiRoute(async ({ req, caller, params }) => listReviewQueue(caller.id, params.projectId, parseQuery(req, queueQuery)));
