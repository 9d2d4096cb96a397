import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { requireCaller, type Caller } from '@/lib/auth/caller';
import { errorResponse, zodFields } from './handle-error';
import { findUnstorableText } from './unstorable-text';

/** Largest JSON body any /api/v1 route accepts (imports have their own limit). */
export const MAX_JSON_BODY_BYTES = 1_000_000;

type Params = Record<string, string>;
type Ctx = { params: Promise<Params> };
export type ApiContext = { req: Request; caller: Caller; params: Params };

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Wraps a /api/v1 handler: resolves the caller (token or session) before
 * anything else, refuses cross-site writes made with a cookie, and maps every
 * error in one place. A handler that returns a plain value answers 200 JSON.
 */
export function apiRoute(handler: (ctx: ApiContext) => Promise<unknown>) {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    try {
      const caller = await requireCaller();
      if (caller.via === 'session' && MUTATING.has(req.method)) await assertSameOrigin();
      const params = await ctx.params;
      assertStorable(params, 'is not a valid id');
      const result = await handler({ req, caller, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * CSRF: a browser sends Origin on every cross-site POST/PATCH/DELETE. A write
 * authenticated by cookie must come from our own origin; a missing, "null" or
 * foreign Origin changes nothing. Token calls carry no ambient credentials.
 */
async function assertSameOrigin() {
  const h = await headers();
  const origin = h.get('origin');
  const host = h.get('x-forwarded-host') ?? h.get('host');
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== 'null' ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) {
    throw new AppError('FORBIDDEN', 'Cross-site request refused: Origin does not match this site');
  }
}

/** Reads a JSON body within the size limit and validates it against `schema`. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) throw tooLarge();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError('BAD_REQUEST', `The body is not valid JSON: ${(e as Error).message}`, { '(body)': 'invalid JSON' });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'The request body is not valid', zodFields(parsed.error));
  assertStorable(parsed.data, 'is not valid');
  return parsed.data;
}

/**
 * Validates the query string against `schema` (a strictObject, so unknown keys
 * are refused). A key given more than once arrives as an array of its values:
 * list parameters accept that (an HTML form's checkboxes send one key per
 * box); any other key given twice is refused, naming it.
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = new URL(req.url).searchParams;
  // No prototype: a key "constructor" or "__proto__" is unknown, not "given twice".
  const data: Record<string, string | string[]> = Object.create(null);
  const repeated = new Set<string>();
  for (const [key, value] of params) {
    const seen = data[key];
    if (seen === undefined) data[key] = value;
    else {
      repeated.add(key);
      data[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    // Refused as a whole (path of one key), a repeated key is one that takes a single value;
    // a list key's bad value (path label.0) is reported as that value.
    const twice = parsed.error.issues.filter((i) => i.path.length === 1).map((i) => String(i.path[0])).find((k) => repeated.has(k));
    if (twice !== undefined) throw new AppError('BAD_REQUEST', `Give ${twice} once`, { [twice]: 'given more than once' });
    const fields = zodFields(parsed.error);
    const [first] = Object.entries(fields);
    // The first problem in the message too: a script's log often keeps only the message.
    throw new AppError('BAD_REQUEST', `The query string is not valid: ${first[0]}: ${first[1]}`, fields);
  }
  assertStorable(parsed.data, 'is not valid');
  return parsed.data;
}

/** U+0000 or a lone surrogate (lib/api/unstorable-text.ts) in a path id, a body or a query value: 400 naming it. */
function assertStorable(value: unknown, what: string) {
  const field = findUnstorableText(value);
  if (field === null) return;
  throw new AppError('BAD_REQUEST', `${field} ${what}: it contains U+0000 or a lone surrogate`, { [field]: 'contains U+0000 or a lone surrogate' });
}

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_JSON_BODY_BYTES} bytes`);

export const noContent = (headers?: HeadersInit) => new Response(null, { status: 204, headers });
export const created = (body: unknown) => Response.json(body, { status: 201 });
