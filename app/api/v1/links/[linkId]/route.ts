import { apiRoute, noContent } from '@/lib/api/route';
import { deleteLink } from '@/lib/links/delete-link';

export const DELETE = apiRoute(async ({ caller, params }) => {
  await deleteLink(caller, params.linkId);
  return noContent();
});
