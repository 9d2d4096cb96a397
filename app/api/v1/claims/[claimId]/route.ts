import { apiRoute, noContent, parseJson, parseQuery } from '@/lib/api/route';
import { deleteClaimQuery, renameClaimInput } from '@/lib/claims/schema';
import { deleteClaim } from '@/lib/claims/delete-claim';
import { getClaim } from '@/lib/claims/get-claim';
import { renameClaim } from '@/lib/claims/rename-claim';

export const GET = apiRoute(async ({ caller, params }) => getClaim(caller, params.claimId));

export const PATCH = apiRoute(async ({ req, caller, params }) => renameClaim(caller, params.claimId, await parseJson(req, renameClaimInput)));

/** 204; its spans stay, detached (`X-Spans-Detached` says how many). */
export const DELETE = apiRoute(async ({ req, caller, params }) => {
  const { spansDetached } = await deleteClaim(caller, params.claimId, parseQuery(req, deleteClaimQuery).version);
  return noContent({ 'X-Spans-Detached': String(spansDetached) });
});
