import { apiRoute } from '@/lib/api/route';
import { openArticleEvents } from '@/lib/live/article-events';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async ({ req, caller, params }) => {
  const stream = await openArticleEvents(caller.id, params.articleId, req.headers.get('last-event-id'), req.signal);
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
});
