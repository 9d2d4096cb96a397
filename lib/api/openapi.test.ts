import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';

// The document must describe exactly the routes that exist: every route file
// under app/api/v1 and every method it exports, and nothing else.
function routesOnDisk() {
  const root = path.join(process.cwd(), 'app/api/v1');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const rel = '/api/v1/' + path.relative(root, dir).split(path.sep).join('/');
        if (rel.endsWith('openapi.json')) continue;
        const apiPath = rel.replace(/\[(\w+)\]/g, '{$1}');
        const source = fs.readFileSync(full, 'utf8');
        for (const m of source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)) found.push(`${m[1].toLowerCase()} ${apiPath}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

describe('OpenAPI document', () => {
  it('lists every route and method that exists, and only those', () => {
    const doc = buildOpenApiDocument();
    const documented = Object.entries(doc.paths)
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m} ${p}`))
      .sort();
    expect(documented).toEqual(routesOnDisk());
  });

  it('is OpenAPI 3.1 with request schemas that reject unknown keys', () => {
    const doc = buildOpenApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.components.schemas.CreateAnnotation as { properties: Record<string, unknown>; additionalProperties: boolean; required: string[] };
    expect(create.additionalProperties).toBe(false);
    expect(create.required.sort()).toEqual(['end', 'label', 'start']);
    expect(Object.keys(create.properties).sort()).toEqual(['end', 'exact', 'label', 'note', 'speaker', 'start']);
  });
});
