import { apiRoute } from '@/lib/api/route';
import { listOrphans } from '@/lib/annotations/list-orphans';

export const GET = apiRoute(async ({ caller, params }) => ({ orphans: await listOrphans(caller.id, params.projectId) }));
