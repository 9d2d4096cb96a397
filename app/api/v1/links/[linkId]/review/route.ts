import { apiRoute, parseJson } from '@/lib/api/route';
import { reviewInput } from '@/lib/review/schema';
import { reviewLink } from '@/lib/review/review-link';

export const POST = apiRoute(async ({ req, caller, params }) => reviewLink(caller, params.linkId, await parseJson(req, reviewInput)));
