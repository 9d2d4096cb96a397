import { apiRoute, created, parseJson } from '@/lib/api/route';
import { attachSpanInput } from '@/lib/claims/schema';
import { attachSpan } from '@/lib/claims/attach-span';

export const POST = apiRoute(async ({ req, caller, params }) => {
  const { annotationId } = await parseJson(req, attachSpanInput);
  return created(await attachSpan(caller, params.claimId, annotationId));
});
