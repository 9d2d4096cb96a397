import { buildOpenApiDocument } from '@/lib/api/openapi';

// Public: the document describes the API, it exposes no data.
export const dynamic = 'force-static';

export function GET() {
  return Response.json(buildOpenApiDocument());
}
