import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Route handlers run in-process with real Request objects against the real
// database, as an authorized member of the fixture's project (test/stub-caller.ts).
vi.mock('@/lib/auth/caller', () => import('../stub-caller'));
import { auth } from '../stub-caller';

import { buildOpenApiDocument } from '@/lib/api/openapi';
import { as } from '../app-error';
import { ENDPOINTS, makeFuzzProject, type Endpoint, type Ids } from '../fuzz/endpoints';
import { hostileRequests, type HostileRequest } from '../fuzz/hostile-requests';
import { projectChecksum } from '../fuzz/project-checksum';

/** Per endpoint; the whole file stays around a minute on 2 cores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

type Answer = { status: number; text: string; contentType: string };

// FUZZ_STATS=1 prints how often each kind of request got each status: proof
// that the fuzzer gets past validation into the domain code, not only 400s.
const stats = new Map<string, number>();
afterAll(() => {
  if (!process.env.FUZZ_STATS) return;
  const byKind = new Map<string, string[]>();
  for (const [key, n] of [...stats].sort()) {
    const [kind, status] = key.split(' ');
    byKind.set(kind, [...(byKind.get(kind) ?? []), `${status}×${n}`]);
  }
  console.log([...byKind].map(([kind, counts]) => `${kind.padEnd(22)} ${counts.join(' ')}`).join('\n'));
});

async function send(ep: Endpoint, r: HostileRequest): Promise<Answer> {
  const abort = new AbortController();
  const headers = new Headers(r.headers);
  if (r.contentType != null) headers.set('content-type', r.contentType);
  const req = new Request(r.url, { method: ep.method, headers, body: r.body as BodyInit | undefined, signal: abort.signal });
  const res = await ep.handler(req, { params: Promise.resolve(r.params) });
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    // The live stream never ends by itself: hang up, as a closed tab does.
    abort.abort();
    await res.body?.cancel();
    return { status: res.status, text: '', contentType };
  }
  // Drains streamed bodies (exports) too: a stream that breaks half-way is an error the status hides.
  return { status: res.status, text: Buffer.from(await res.arrayBuffer()).toString('utf8'), contentType };
}

/** The field is named in `fields` (as a path, or among unknown keys) or in the message. */
function namesField(error: { message: string; fields?: Record<string, string> }, field: string) {
  const keys = Object.keys(error.fields ?? {});
  return keys.some((k) => k === field || k.startsWith(`${field}.`) || k.split(',').includes(field)) || (field.length > 1 && error.message.includes(field));
}

describe('HTTP fuzzing of every /api/v1 route', () => {
  it('covers every documented route and method', () => {
    const documented = Object.entries(buildOpenApiDocument().paths)
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const fuzzed = ENDPOINTS.map((e) => `${e.method} ${e.path}`).filter((e) => e !== 'GET /api/v1/openapi.json');
    expect(fuzzed.sort()).toEqual(documented);
  });

  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))(
    '%s: hostile input never gets a 5xx, always the error shape, names the wrong field, writes nothing when refused',
    async (_name, ep) => {
      const { team, ids } = await makeFuzzProject();
      const callers = [as(team.admin), as(team.analyst), as(team.reviewer)];
      let baseline = await projectChecksum(ids.projectId);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...callers), hostileRequests(ep, ids), async (caller, r) => {
          auth.caller = caller;
          const answer = await send(ep, r);
          stats.set(`${r.kind} ${answer.status}`, (stats.get(`${r.kind} ${answer.status}`) ?? 0) + 1);
          const context = `${caller.name}: ${answer.status} ${answer.text.slice(0, 500)}`;
          expect(answer.status, context).toBeLessThan(500);
          // Admins may do everything; no fixture object is theirs, so "nobody reviews their own work" never applies.
          if (caller.id === team.admin.id) expect(answer.status, context).not.toBe(403);
          if (answer.status >= 400) {
            expect(answer.contentType, context).toMatch(/^application\/json/);
            const { error } = JSON.parse(answer.text);
            expect(error, context).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
            expect(error.message.length, context).toBeGreaterThan(0);
            for (const value of Object.values(error.fields ?? {})) expect(typeof value, context).toBe('string');
            if (r.expect?.field !== undefined && answer.status === 400) expect(namesField(error, r.expect.field), `${context}: names ${JSON.stringify(r.expect.field)}`).toBe(true);
            // Refused: not one row of the project changed, not even partly.
            expect(await projectChecksum(ids.projectId), context).toEqual(baseline);
          } else {
            if (answer.contentType.startsWith('application/json')) expect(() => JSON.parse(answer.text), context).not.toThrow();
            baseline = await projectChecksum(ids.projectId);
          }
          if (r.expect) expect(r.expect.status, context).toContain(answer.status);
        }),
        { numRuns: RUNS },
      );
    },
    120_000,
  );
});

// Each of these answered 500 before: Postgres refuses U+0000 in text ("invalid
// byte sequence for encoding UTF8: 0x00") and the year 0 ("date/time field
// value out of range"), Prisma's engine refuses a lone surrogate ("unexpected
// end of hex escape"), undici's formData() throws a TypeError on a body that
// is not multipart, and a file name with U+0000 broke the import's temporary
// file path.
describe('what the fuzzer found', () => {
  const endpoint = (method: string, path: string) => ENDPOINTS.find((e) => e.method === method && e.path === path)!;
  const request = (kind: string, params: Partial<Ids>, url: string, init: Partial<HostileRequest> = {}): HostileRequest => ({
    kind,
    url: `http://localhost${url}`,
    params: params as Record<string, string>,
    ...init,
  });

  const upload = (name: string, text: string) => {
    const form = new FormData();
    form.append('file', new File([text], name));
    return form;
  };

  it('refuses U+0000, lone surrogates and the year 0 in ids, bodies and query values with a 400 naming the field, writing nothing', async () => {
    const { team, ids } = await makeFuzzProject();
    auth.caller = as(team.admin);
    const before = await projectChecksum(ids.projectId);
    const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });
    const cases: [Endpoint, HostileRequest, string][] = [
      [endpoint('GET', '/api/v1/articles/{articleId}'), request('nul id', { articleId: '\u0000' }, '/api/v1/articles/%00'), 'articleId'],
      [endpoint('DELETE', '/api/v1/links/{linkId}'), request('nul id', { linkId: 'x\u0000' }, '/api/v1/links/x%00'), 'linkId'],
      [
        endpoint('POST', '/api/v1/articles/{articleId}/annotations'),
        request('nul note', { articleId: ids.articleId }, `/api/v1/articles/${ids.articleId}/annotations`, json({ start: 0, end: 7, label: 'assertion', note: 'a\u0000b' })),
        'note',
      ],
      [
        endpoint('POST', '/api/v1/annotations/{annotationId}/suggestions/dismissals'),
        request('lone surrogate', { annotationId: ids.annotationId }, `/api/v1/annotations/${ids.annotationId}/suggestions/dismissals`, json({ sentenceId: '\ud800' })),
        'sentenceId',
      ],
      [endpoint('GET', '/api/v1/projects/{projectId}/agreement'), request('nul query', { projectId: ids.projectId }, `/api/v1/projects/${ids.projectId}/agreement?articleId=%00`), 'articleId'],
      [endpoint('GET', '/api/v1/projects/{projectId}/search'), request('nul query', { projectId: ids.projectId }, `/api/v1/projects/${ids.projectId}/search?q=Iran%00`), 'q'],
      [
        endpoint('GET', '/api/v1/projects/{projectId}/activity'),
        request('year 0', { projectId: ids.projectId }, `/api/v1/projects/${ids.projectId}/activity?before=0000-01-01T00:00:00Z`),
        'before',
      ],
      // Versions are int4 in PostgreSQL: 2^31 failed there (a 500) before the schemas capped it.
      [
        endpoint('PATCH', '/api/v1/claims/{claimId}'),
        request('version past int4', { claimId: ids.claimId }, `/api/v1/claims/${ids.claimId}`, json({ text: 'Renamed', version: 2 ** 31 })),
        'version',
      ],
      [
        endpoint('POST', '/api/v1/annotations/{annotationId}/review'),
        request('version past int4', { annotationId: ids.annotationId }, `/api/v1/annotations/${ids.annotationId}/review`, json({ decision: 'approve', version: 2 ** 31 })),
        'version',
      ],
      [
        endpoint('DELETE', '/api/v1/claims/{claimId}'),
        request('version past int4', { claimId: ids.claimId }, `/api/v1/claims/${ids.claimId}?version=${2 ** 31}`),
        'version',
      ],
      [
        endpoint('POST', '/api/v1/projects/{projectId}/imports'),
        request('not multipart', { projectId: ids.projectId }, `/api/v1/projects/${ids.projectId}/imports`, { body: 'nul', contentType: 'multipart/form-data' }),
        '(body)',
      ],
      [
        endpoint('POST', '/api/v1/projects/{projectId}/imports'),
        // A NUL in a part header is malformed multipart (busboy stops at it): the body is named.
        request('nul in a file name', { projectId: ids.projectId }, `/api/v1/projects/${ids.projectId}/imports`, { body: upload('a\u0000b.txt', 'Some text.'), contentType: null }),
        '(body)',
      ],
    ];
    for (const [ep, r, field] of cases) {
      const answer = await send(ep, r);
      expect(answer.status, `${r.kind} ${r.url}: ${answer.text}`).toBe(400);
      const { error } = JSON.parse(answer.text);
      expect(error.code).toBe('BAD_REQUEST');
      expect(Object.keys(error.fields), r.url).toContain(field);
    }
    expect(await projectChecksum(ids.projectId)).toEqual(before);
  });

  it('names an unknown key even when it is called __proto__ or constructor', async () => {
    const { team, ids } = await makeFuzzProject();
    auth.caller = as(team.admin);
    const before = await projectChecksum(ids.projectId);
    for (const key of ['__proto__', 'constructor', 'valueOf']) {
      const body = `{"decision":"approve","version":1,${JSON.stringify(key)}:{}}`;
      const ep = endpoint('POST', '/api/v1/annotations/{annotationId}/review');
      const answer = await send(ep, request('prototype key', { annotationId: ids.annotationId }, `/api/v1/annotations/${ids.annotationId}/review`, { body, contentType: 'application/json' }));
      expect(answer.status).toBe(400);
      expect(Object.keys(JSON.parse(answer.text).error.fields)).toEqual([key]);
      const search = endpoint('GET', '/api/v1/projects/{projectId}/search');
      const query = await send(search, request('prototype key', { projectId: ids.projectId }, `/api/v1/projects/${ids.projectId}/search?q=Iran&${key}=1`));
      expect(query.status).toBe(400);
      expect(JSON.parse(query.text).error).toMatchObject({ message: expect.stringMatching(/^The query string is not valid: /), fields: { [key]: expect.stringMatching(/unrecognized key/i) } });
    }
    expect(await projectChecksum(ids.projectId)).toEqual(before);
  });
});
