import { apiRoute, parseQuery } from '@/lib/api/route';
import { matrixQuery } from '@/lib/claims/schema';
import { getMatrix } from '@/lib/claims/get-matrix';

export const GET = apiRoute(async ({ req, caller, params }) => getMatrix(caller, params.projectId, parseQuery(req, matrixQuery)));
