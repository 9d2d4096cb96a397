import { apiRoute } from '@/lib/api/route';
import { listClaims } from '@/lib/claims/list-claims';

export const GET = apiRoute(async ({ caller, params }) => ({ claims: await listClaims(caller, params.projectId) }));
