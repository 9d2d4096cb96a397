import { apiRoute, created, parseJson } from '@/lib/api/route';
import { createAnnotationInput } from '@/lib/annotations/schema';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { getArticle } from '@/lib/articles/get-article';

export const GET = apiRoute(async ({ caller, params }) => ({
  annotations: (await getArticle(caller.id, params.articleId)).annotations,
}));

export const POST = apiRoute(async ({ req, caller, params }) => {
  const input = await parseJson(req, createAnnotationInput);
  return created(await createAnnotation(caller, params.articleId, input));
});
