import { apiRoute, parseQuery } from '@/lib/api/route';
import { activityQuery, listActivity } from '@/lib/audit/list-events';

export const GET = apiRoute(async ({ req, caller, params }) => ({ events: await listActivity(caller.id, params.projectId, parseQuery(req, activityQuery)) }));
