import { z } from 'zod';
import { apiRoute, parseQuery } from '@/lib/api/route';
import { openArticleEvents } from '@/lib/live/article-events';

export const dynamic = 'force-dynamic';

const eventsQuery = z.strictObject({ since: z.string().datetime().optional() });

export const GET = apiRoute(async ({ req, caller, params }) => {
  const since = req.headers.get('last-event-id') ?? parseQuery(req, eventsQuery).since ?? null;
  const stream = await openArticleEvents(caller.id, params.articleId, since, req.signal);
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
});
