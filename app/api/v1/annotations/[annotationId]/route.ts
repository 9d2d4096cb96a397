import { apiRoute, noContent, parseJson } from '@/lib/api/route';
import { updateAnnotationInput } from '@/lib/annotations/schema';
import { updateAnnotation } from '@/lib/annotations/update-annotation';
import { deleteAnnotation } from '@/lib/annotations/delete-annotation';

export const PATCH = apiRoute(async ({ req, caller, params }) =>
  updateAnnotation(caller, params.annotationId, await parseJson(req, updateAnnotationInput)),
);

export const DELETE = apiRoute(async ({ caller, params }) => {
  await deleteAnnotation(caller, params.annotationId);
  return noContent();
});
