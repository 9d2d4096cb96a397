import { apiRoute, parseJson } from '@/lib/api/route';
import { reviewInput } from '@/lib/review/schema';
import { reviewAnnotation } from '@/lib/review/review-annotation';

export const POST = apiRoute(async ({ req, caller, params }) => reviewAnnotation(caller, params.annotationId, await parseJson(req, reviewInput)));
