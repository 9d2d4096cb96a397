import { apiRoute } from '@/lib/api/route';
import { listLinks } from '@/lib/links/list-links';

export const GET = apiRoute(async ({ caller, params }) => ({ links: await listLinks(caller, { annotationId: params.annotationId }) }));
