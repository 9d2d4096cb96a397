import { apiRoute, noContent, parseJson } from '@/lib/api/route';
import { updateAnnotationInput } from '@/lib/annotations/schema';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { deleteAnnotation } from '@/lib/annotations/delete-annotation';

export const PATCH = apiRoute(async ({ req, caller, params }) =>
  updateAnnotation(caller, params.annotationId, await parseJson(req, updateAnnotationInput)),
);

/** 204; `X-Links-Removed` says how many links went with the span. */
export const DELETE = apiRoute(async ({ caller, params }) => {
  const { linksRemoved } = await deleteAnnotation(caller, params.annotationId);
  return noContent({ 'X-Links-Removed': String(linksRemoved) });
});
