import { apiRoute } from '@/lib/api/route';
import { getArticle } from '@/lib/articles/get-article';

export const GET = apiRoute(async ({ caller, params }) => {
  const { article, annotations, orphans } = await getArticle(caller.id, params.articleId);
  return { article, annotations, orphans };
});
