import { apiRoute, created, parseJson } from '@/lib/api/route';
import { createClaimInput } from '@/lib/claims/schema';
import { createClaim } from '@/lib/claims/create-claim';

export const POST = apiRoute(async ({ req, caller }) => created(await createClaim(caller, await parseJson(req, createClaimInput))));
