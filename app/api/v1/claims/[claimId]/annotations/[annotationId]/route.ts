import { apiRoute, noContent } from '@/lib/api/route';
import { detachSpan } from '@/lib/claims/detach-span';

export const DELETE = apiRoute(async ({ caller, params }) => {
  await detachSpan(caller, params.claimId, params.annotationId);
  return noContent();
});
