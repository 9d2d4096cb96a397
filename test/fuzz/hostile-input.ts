import fc from 'fast-check';

// Arbitraries for what a hostile or broken client can put in an HTTP request:
// values for one field, whole JSON bodies, body text that is not JSON, content
// types, ids in the path and query strings. Deep and huge values are built as
// text, never as objects: JSON.stringify of a 100,000-deep array would overflow
// the test's own stack.

/** Strings that are valid JSON but break naive code: NUL, lone surrogates, bidi marks, injection attempts, numbers in disguise. */
const NASTY = [
  '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\u202e', '\ufeff', '\u00ad', '%00', '%', '%zz', '../../etc/passwd', "' OR 1=1 --", "'; DROP TABLE \"Annotation\" --",
  '${7*7}', '{{7*7}}', '<script>alert(1)</script>', ' ', '', '\n', '\t', 'null', 'undefined', 'true', '__proto__', 'constructor', 'prototype',
  'NaN', 'Infinity', '-0', '1e999', '-1', '0x10', '1.5', ' 5 ', '9007199254740993', '２', '١٢', 'Ⅻ', '0', '2147483648',
  '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-01-01T00:00:00+25:00',
  '\\', '"', '\'', '*', ':*', '!', '&', '|', '<->', '"a', '-', '--', 'a & b | !c', 'the', 'a\u0301', '🏳️‍🌈', '\u{10FFFF}',
];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  // Long enough to pass every max() of the schemas, short enough to keep the body under 1 MB.
  { weight: 1, arbitrary: fc.constantFrom(201, 1_001, 5_001, 100_001, 900_000).map((n) => 'x'.repeat(n)) },
);

const NASTY_NUMBERS = [0, -0, -1, 1.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 50_000_001];

/** Any JSON value, biased towards what a field of our schemas would trip on. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...NASTY_NUMBERS, null, true, false, [], {}, [null], { '': null }) },
  { weight: 1, arbitrary: fc.integer() },
);

/** A raw JSON text nested `depth` levels, e.g. [[[…]]] or {"a":{"a":…}}. */
export const deepJsonText = fc
  .tuple(fc.constantFrom('array', 'object'), fc.constantFrom(1_000, 10_000, 100_000, 300_000))
  .map(([kind, depth]) => (kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

/** Body bytes that are not JSON (or only by accident): binary noise, invalid UTF-8, truncated and odd JSON. */
export const malformedBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.uint8Array({ maxLength: 60 }),
  // Invalid UTF-8 inside an otherwise valid JSON string: the server decodes it to U+FFFD.
  fc.constantFrom(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), new Uint8Array([0x22, 0xc3, 0x28, 0x22]), new Uint8Array([0xed, 0xa0, 0x80])),
  fc.constantFrom('', ' ', '\ufeff{}', '{', '}', '[', '{"a":', '{"a" 1}', "{'a':1}", '{a:1}', 'NaN', 'Infinity', '1e999', '-', '0x10', 'undefined', '[1,]', '{"a":1,}', '/* */{}', '{}{}', '\u0000'),
  fc.jsonValue().map((v) => {
    const text = JSON.stringify(v);
    return text.slice(0, Math.max(0, text.length - 1)); // truncated
  }),
);

/** Content types a JSON route must refuse with 415 (none of them is application/json). */
export const nonJsonContentType = fc.constantFrom(
  null, '', 'text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx',
  'application/xml', 'json', '*/*', 'application/octet-stream',
);

/** Ids no row has: garbage, huge, path tricks, NUL, other encodings. */
export const garbageId = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY.filter((s) => s.length > 0 && s.trim() === s)) },
  { weight: 1, arbitrary: fc.constantFrom(65, 101, 10_000, 100_000).map((n) => 'c'.repeat(n)) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** A raw query string (after the `?`), anything a URL can carry. */
export const rawQuery = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }).map((s) => encodeURI(s)),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  fc.constantFrom('&&&', '=', '==', '&=&=', 'a', 'a=', '=a', '%', '%zz', '%00', 'a=%00', 'a[]=1&a[]=2', 'a[b]=c', '__proto__=1', 'constructor=1', 'a=1;b=2', '+=+', '%2B=%2B'),
  fc.dictionary(fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 20 })).map((d) => new URLSearchParams(d).toString()),
);
