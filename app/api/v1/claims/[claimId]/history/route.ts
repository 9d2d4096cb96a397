import { apiRoute } from '@/lib/api/route';
import { listObjectHistory } from '@/lib/audit/list-events';

export const GET = apiRoute(async ({ caller, params }) => ({ events: await listObjectHistory(caller.id, 'claim', params.claimId) }));
