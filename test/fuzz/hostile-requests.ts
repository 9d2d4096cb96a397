import fc from 'fast-check';
import type { z } from 'zod';
import type { Endpoint, Ids } from './endpoints';
import { paramNames } from './endpoints';
import { deepJsonText, garbageId, hostileJsonValue, hostileString, malformedBody, nonJsonContentType, rawQuery } from './hostile-input';

// Turns one endpoint and the fixture's ids into arbitraries of hostile
// requests. Each case breaks one thing in an otherwise valid request and says
// what the answer must be when that is decidable up front: a value the field's
// own zod schema refuses must come back as 400 naming that field.

export type Expectation = { status: number[]; field?: string };
export type HostileRequest = {
  kind: string;
  url: string;
  params: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** null: send no content-type of our own. */
  contentType?: string | null;
  headers?: Record<string, string>;
  expect?: Expectation;
};

const ORIGIN = 'http://localhost';
const BAD = (field: string): Expectation => ({ status: [400], field });
const rejects = (schema: z.ZodType, value: unknown) => !schema.safeParse(value).success;
/** What JSON.stringify and JSON.parse make of a value: undefined keys vanish, NaN becomes null. */
const roundTrip = (text: string): unknown => JSON.parse(text);
const toWellFormed = (s: string) => (s as string & { toWellFormed(): string }).toWellFormed();

function url(path: string, params: Record<string, string>, query: string) {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(toWellFormed(params[name])));
  return `${ORIGIN}${filled}${query ? `?${query}` : ''}`;
}

/** The query string as the server will read it back (encoding can change a value, e.g. a lone surrogate). */
const readBack = (u: string) => [...new URL(u).searchParams];

function show(r: HostileRequest) {
  const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s);
  const body = typeof r.body === 'string' ? cut(JSON.stringify(r.body)) : r.body instanceof Uint8Array ? `bytes ${Buffer.from(r.body).toString('hex').slice(0, 120)}` : r.body ? 'form-data' : '';
  return `${r.kind} ${cut(r.url)} params=${cut(JSON.stringify(r.params))} type=${r.contentType} ${body} expect=${JSON.stringify(r.expect)}`;
}

const withShow = (r: HostileRequest) => Object.assign(r, { [fc.toStringMethod]: () => show(r) });

export function hostileRequests(ep: Endpoint, ids: Ids): fc.Arbitrary<HostileRequest> {
  const names = paramNames(ep.path);
  const validParams = Object.fromEntries(names.map((n) => [n, ids[n]]));
  const validQuery = ep.query?.valid(ids) ?? {};
  const queryText = (q: [string, string][]) => new URLSearchParams(q).toString();
  const json = ep.body && ep.body !== 'multipart' ? ep.body : undefined;
  const validBody = json?.valid(ids);
  const plainBody = () => (ep.body === 'multipart' ? validUpload() : validBody ? JSON.stringify(validBody) : undefined);
  const plainType = ep.body === 'multipart' ? null : validBody ? 'application/json' : undefined;
  const make = (r: Omit<HostileRequest, 'url'> & { query?: string }) => {
    const { query, ...rest } = r;
    const made = { ...rest, url: url(ep.path, r.params, query ?? queryText(Object.entries(validQuery))) };
    // Over the size limit, a JSON body is refused before it is read: 413, whatever else is wrong.
    const size = typeof r.body === 'string' ? Buffer.byteLength(r.body) : r.body instanceof Uint8Array ? r.body.length : 0;
    if (size > 1_000_000 && r.contentType === 'application/json') made.expect = { status: [413] };
    return withShow(made);
  };

  const kinds: fc.Arbitrary<HostileRequest>[] = [];

  // Ids that name nothing: 404, or 400 naming the parameter; 403 when the
  // caller's role is checked before the second id of a path is looked up.
  if (names.length > 0) {
    kinds.push(
      fc
        .tuple(fc.constantFrom(...names), garbageId)
        .filter(([name, id]) => toWellFormed(id) !== ids[name])
        .map(([name, id]) => make({ kind: 'garbage-id', params: { ...validParams, [name]: id }, body: plainBody(), contentType: plainType, expect: { status: [400, 403, 404], field: name } })),
    );
  }
  // Anything after the `?`: a route without a query ignores it; one with a schema refuses what does not fit
  // (before it looks the id up). A destructive route gets it with a garbage id.
  kinds.push(
    fc.tuple(rawQuery, ep.destructive && names.length ? garbageId : fc.constant(null)).map(([q, id]) =>
      make({
        kind: 'raw-query',
        params: id === null ? validParams : { ...validParams, [names[0]]: id },
        query: q,
        body: plainBody(),
        contentType: plainType,
        expect: id === null ? undefined : { status: [400, 403, 404], field: ep.query ? undefined : names[0] },
      }),
    ),
  );

  if (ep.query) {
    const { schema } = ep.query;
    const keys = Object.keys(schema.shape);
    kinds.push(
      fc.tuple(fc.constantFrom(...keys), hostileString).map(([key, value]) => {
        const r = make({ kind: 'query-value', params: validParams, query: queryText([...Object.entries(validQuery).filter(([k]) => k !== key), [key, value]]) });
        const seen = readBack(r.url).find(([k]) => k === key)![1];
        return Object.assign(r, { expect: rejects(schema.shape[key], seen) ? BAD(key) : undefined });
      }),
      hostileString
        .filter((k) => k.length > 0)
        .map((key) => {
          const r = make({ kind: 'query-unknown-key', params: validParams, query: queryText([...Object.entries(validQuery), [key, '1']]) });
          const seen = readBack(r.url).at(-1)![0];
          // A key already in the valid query is now given twice: refused too.
          return Object.assign(r, { expect: keys.includes(seen) && !(seen in validQuery) ? undefined : BAD(seen) });
        }),
      // A key given twice arrives as an array: refused unless it is a list parameter.
      fc.constantFrom(...keys).map((key) => {
        const value = validQuery[key] ?? '';
        return make({ kind: 'query-key-twice', params: validParams, query: queryText([...Object.entries(validQuery), [key, value], [key, value]]), expect: rejects(schema.shape[key], [value, value]) ? BAD(key) : undefined });
      }),
    );
  }

  if (ep.path.endsWith('/events')) {
    // EventSource sends Last-Event-ID when it reconnects; the server takes it over `since`.
    kinds.push(
      fc.string({ unit: 'binary-ascii', maxLength: 80 }).map((s) =>
        make({ kind: 'last-event-id', params: validParams, headers: { 'last-event-id': s.replace(/[\0\r\n]/g, '') } }),
      ),
    );
  }

  if (json && validBody) {
    const { schema } = json;
    const fields = Object.keys(schema.shape);
    const expectFor = (text: string): Expectation | undefined => {
      try {
        return rejects(schema, roundTrip(text)) ? { status: [400] } : undefined;
      } catch {
        return BAD('(body)');
      }
    };
    kinds.push(
      // A whole body of any shape.
      hostileJsonValue.map((v) => {
        const body = JSON.stringify(v) ?? '';
        return make({ kind: 'body-any', params: validParams, body, contentType: 'application/json', expect: expectFor(body) });
      }),
      // One field of a valid body replaced by anything, or left out.
      fc.tuple(fc.constantFrom(...fields), fc.option(hostileJsonValue, { nil: undefined })).map(([field, value]) => {
        const body = JSON.stringify({ ...validBody, [field]: value });
        const sent = (roundTrip(body) as Record<string, unknown>)[field];
        return make({ kind: 'body-field', params: validParams, body, contentType: 'application/json', expect: rejects(schema.shape[field], sent) ? BAD(field) : undefined });
      }),
      // Every field hostile but still valid for its own schema (else left valid): the request gets past zod into the domain code.
      fc.tuple(...fields.map(() => fc.option(fc.oneof(hostileString, hostileJsonValue), { nil: undefined }))).map((values) => {
        const body = Object.fromEntries(fields.map((field, i) => [field, values[i] !== undefined && !rejects(schema.shape[field], values[i]) ? values[i] : validBody[field]]));
        return make({ kind: 'body-valid-hostile', params: validParams, body: JSON.stringify(body), contentType: 'application/json' });
      }),
      // One field nested thousands of levels deep.
      fc.tuple(fc.constantFrom(...fields), deepJsonText).map(([field, deep]) => {
        const body = JSON.stringify({ ...validBody, [field]: '@@DEEP@@' }).replace('"@@DEEP@@"', deep);
        return make({ kind: 'body-field-deep', params: validParams, body, contentType: 'application/json', expect: BAD(field) });
      }),
      deepJsonText.map((deep) => make({ kind: 'body-deep', params: validParams, body: deep, contentType: 'application/json', expect: { status: [400] } })),
      // A key the schema does not know.
      fc.tuple(hostileString, hostileJsonValue)
        .filter(([key]) => !fields.includes(key))
        .map(([key, value]) => {
          const body = JSON.stringify({ ...validBody, [key]: value });
          return make({ kind: 'body-unknown-key', params: validParams, body, contentType: 'application/json', expect: Buffer.byteLength(body) > 1_000_000 ? { status: [413] } : BAD(key) });
        }),
      // Not JSON, or not UTF-8.
      malformedBody.map((bytes) => {
        // Decoded as the server will: UTF-8, invalid bytes as U+FFFD, a leading BOM dropped.
        const text = new TextDecoder().decode(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
        return make({ kind: 'body-malformed', params: validParams, body: bytes, contentType: 'application/json', expect: expectFor(text) });
      }),
      nonJsonContentType.map((type) => make({ kind: 'content-type', params: validParams, body: JSON.stringify(validBody), contentType: type, expect: { status: [415] } })),
      fc.constantFrom('json', 'padding').map((how) => {
        const body = how === 'json' ? JSON.stringify({ ...validBody, [fields[0]]: 'x'.repeat(1_000_001) }) : JSON.stringify(validBody) + ' '.repeat(1_000_001);
        return make({ kind: 'body-too-large', params: validParams, body, contentType: 'application/json', expect: { status: [413] } });
      }),
    );
  }

  if (ep.body === 'multipart') {
    kinds.push(
      nonJsonContentType
        .filter((t) => !t?.startsWith('multipart/'))
        .map((type) => make({ kind: 'content-type', params: validParams, body: 'file=x', contentType: type ?? 'application/json', expect: { status: [415] } })),
      // Declared multipart, but the bytes are not (or the boundary does not match).
      fc.tuple(fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=abc', 'multipart/form-data; boundary="a b"'), malformedBody).map(([type, bytes]) =>
        // 403 for a reviewer: who may import is checked before the body is read.
        make({ kind: 'multipart-malformed', params: validParams, body: bytes, contentType: type, expect: { status: [400, 403] } }),
      ),
      // Well-formed files whose records are hostile: JSON Lines, FNC-1 CSV, plain text.
      fc.tuple(fc.constantFrom('jsonl', 'csv', 'txt'), fc.array(fc.record({ title: hostileString, text: hostileString, outlet: hostileString, url: hostileString, externalId: hostileString }), { minLength: 1, maxLength: 3 })).map(([format, records]) => {
        const small = (s: string) => s.slice(0, 2_000);
        const content =
          format === 'jsonl'
            ? records.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, small(v)])))).join('\n')
            : format === 'csv'
              ? 'Body ID,articleBody\n' + records.map((r, i) => `${i + 1},"${small(r.text).replaceAll('"', '""')}"`).join('\n')
              : small(records[0].text);
        const form = new FormData();
        form.append('file', new File([content], `fuzz.${format}`));
        return make({ kind: 'multipart-records', params: validParams, body: form, contentType: null });
      }),
      // Files with hostile names and contents: refused per file (207) or whole (4xx), never a crash.
      fc.array(fc.tuple(hostileString, fc.constantFrom('', '.txt', '.jsonl', '.csv', '.html', '.json', '.exe'), fc.oneof(hostileString, malformedBody)), { minLength: 0, maxLength: 3 }).map((files) => {
        const form = new FormData();
        for (const [name, ext, content] of files) form.append('file', new File([content as BlobPart], toWellFormed(name).slice(0, 100) + ext));
        return make({ kind: 'multipart-files', params: validParams, body: form, contentType: null });
      }),
    );
  }

  return fc.oneof(...kinds);
}

/** A small valid import: one JSONL line. */
function validUpload() {
  const form = new FormData();
  form.append('file', new File([JSON.stringify({ title: 'Fuzz', text: `Fuzz text ${Math.random()}` }) + '\n'], 'fuzz.jsonl'));
  return form;
}
