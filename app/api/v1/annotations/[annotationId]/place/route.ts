import { apiRoute, parseJson } from '@/lib/api/route';
import { placeOrphanInput } from '@/lib/annotations/schema';
import { placeOrphan } from '@/lib/annotations/place-orphan';

export const POST = apiRoute(async ({ req, caller, params }) => placeOrphan(caller, params.annotationId, await parseJson(req, placeOrphanInput)));
