import { apiRoute, parseJson } from '@/lib/api/route';
import { renameClaimInput } from '@/lib/claims/schema';
import { getClaim } from '@/lib/claims/get-claim';
import { renameClaim } from '@/lib/claims/rename-claim';

export const GET = apiRoute(async ({ caller, params }) => getClaim(caller, params.claimId));

export const PATCH = apiRoute(async ({ req, caller, params }) => renameClaim(caller, params.claimId, await parseJson(req, renameClaimInput)));
