import { apiRoute, created, parseJson, parseQuery } from '@/lib/api/route';
import { createLinkInput, listLinksQuery } from '@/lib/links/schema';
import { createLink } from '@/lib/links/create-link';
import { listLinks } from '@/lib/links/list-links';

export const GET = apiRoute(async ({ req, caller }) => ({ links: await listLinks(caller, parseQuery(req, listLinksQuery)) }));

export const POST = apiRoute(async ({ req, caller }) => created(await createLink(caller, await parseJson(req, createLinkInput))));
