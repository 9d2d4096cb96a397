import { apiRoute, noContent, parseJson, parseQuery } from '@/lib/api/route';
import { deleteAnnotationQuery, updateAnnotationInput } from '@/lib/annotations/schema';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { deleteAnnotation } from '@/lib/annotations/delete-annotation';

export const PATCH = apiRoute(async ({ req, caller, params }) =>
  updateAnnotation(caller, params.annotationId, await parseJson(req, updateAnnotationInput)),
);

/** 204; `X-Links-Removed` says how many links went with the span. `?version=` makes it conditional (409 if the span changed). */
export const DELETE = apiRoute(async ({ req, caller, params }) => {
  const { linksRemoved } = await deleteAnnotation(caller, params.annotationId, parseQuery(req, deleteAnnotationQuery));
  return noContent({ 'X-Links-Removed': String(linksRemoved) });
});
