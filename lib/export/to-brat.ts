import { Zip, ZipDeflate } from 'fflate';
import type { ExportArticle, ExportScope, ExportSpan, SpanLocation, SpanLocator } from './types';

/**
 * brat standoff (https://brat.nlplab.org/standoff.html), as one ZIP archive
 * written chunk by chunk with fflate's streaming Zip: `annotation.conf` and
 * `tools.conf` first, then per article `<name>.txt` (the canonical text,
 * UTF-8, unchanged) and `<name>.ann`.
 *
 * In the `.ann` file:
 * - `T` a span: `T1\tAssertion START END\tcovered text`, offsets in code points
 *   (brat reads the .txt into Python strings). The covered text cannot hold a
 *   line break (any Python takes for one: U+2028, U+0085, form feed…), so a
 *   span across one is written as brat writes it: fragments
 *   `S1 E1;S2 E2` split at the line breaks and trimmed of whitespace, their
 *   texts joined by single spaces. T numbers are the span's position in the
 *   article (start, end, id), so a span is T(n) wherever it is referred to.
 * - `A` its review status: `A1\tReviewStatus T1 approved`.
 * - `#` AnnotatorNotes: the note, the speaker (`Speaker: …`), and each link to
 *   a span of another article (brat relations cannot cross documents):
 *   `Corroborates: other.ann T3 15 96 "quoted text"`.
 * - `N` the claim a span belongs to: `N1\tReference T1 Crosscheck:<claimId>\t<claim text>`;
 *   spans of different articles that share a claim share the id.
 * - `R` a link inside the article: `R1\tContradicts Arg1:T2 Arg2:T1`, Arg1 the
 *   span the link starts at. brat has no attributes on relations, so a link's
 *   own status is not written (status=approved exports approved links only).
 *
 * Free text (notes, speaker, claim text) has tabs and line breaks replaced by spaces.
 */

const TYPE = { assertion: 'Assertion', denial: 'Denial', evidence: 'Evidence' } as const;
const RELATION = { corroborates: 'Corroborates', contradicts: 'Contradicts' } as const;
/** The normalization resource of the N lines, declared in tools.conf. */
const CLAIM_DB = 'Crosscheck';

export function annotationConf(): string {
  return [
    '# Crosscheck export: span tags, links between spans, review status.',
    '[entities]',
    ...Object.values(TYPE),
    '',
    '[relations]',
    ...Object.values(RELATION).map((r) => `${r}\tArg1:<ENTITY>, Arg2:<ENTITY>`),
    '# Spans may overlap in any way.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    'ReviewStatus\tArg:<ENTITY>, Value:approved|pending|rejected',
    '',
  ].join('\n');
}

export function toolsConf(baseUrl: string): string {
  return ['[normalization]', `${CLAIM_DB}\t<URL>:${baseUrl}/, <URLBASE>:${baseUrl}/claims/%s`, ''].join('\n');
}

/**
 * ASCII slug of externalId (else title) + the article's id:
 * `albania-iran-cm3k…`. The whole id, so that names never collide (all
 * non-Latin titles slug to "article") and a note in another file can name
 * this one without knowing the rest of the archive.
 */
export function bratFileBase(article: Pick<ExportArticle, 'id' | 'externalId' | 'title'>): string {
  const slug = (article.externalId ?? article.title)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'article'}-${article.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/**
 * What brat (Python's str.splitlines, reading the .ann) takes for a line end:
 * written raw inside a T line's text, any of them would cut it in two.
 */
const LINE_BREAKS = '\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029';
const oneLine = (s: string) => s.replace(new RegExp(`[\t${LINE_BREAKS}]+`, 'g'), ' ').trim();
const isSpace = (c: string) => c.trim() === '';
const isBreak = (c: string) => LINE_BREAKS.includes(c);

/**
 * brat's fragments for [start, end) over the text's code points: the span
 * itself if it holds no line break, else its pieces between line breaks,
 * each trimmed of whitespace, empty ones dropped.
 */
export function bratFragments(cps: readonly string[], start: number, end: number): [number, number][] {
  let crosses = false;
  for (let i = start; i < end && !crosses; i++) crosses = isBreak(cps[i]);
  if (!crosses) return start < end ? [[start, end]] : [];
  const out: [number, number][] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i < end && !isBreak(cps[i])) continue;
    let a = from;
    let b = i;
    while (a < b && isSpace(cps[a])) a++;
    while (b > a && isSpace(cps[b - 1])) b--;
    if (a < b) out.push([a, b]);
    from = i + 1;
  }
  return out;
}

/** The `.ann` file of one article; `located` holds the other articles' spans its links point to. */
export function articleToAnn(article: ExportArticle, located: Map<string, SpanLocation>): string {
  const cps = Array.from(article.text);
  const lines: string[] = [];
  const tOf = new Map<string, string>();
  const written: ExportSpan[] = [];
  article.spans.forEach((s, i) => {
    const fragments = bratFragments(cps, s.start, s.end);
    // A span of whitespace and line breaks only covers no text brat can show.
    if (fragments.length === 0) return;
    const t = `T${i + 1}`;
    tOf.set(s.id, t);
    written.push(s);
    const offsets = fragments.map(([a, b]) => `${a} ${b}`).join(';');
    const covered = fragments.map(([a, b]) => cps.slice(a, b).join('')).join(' ');
    lines.push(`${t}\t${TYPE[s.label]} ${offsets}\t${covered}`);
  });
  let a = 0;
  let note = 0;
  let n = 0;
  let r = 0;
  for (const s of written) {
    const t = tOf.get(s.id)!;
    lines.push(`A${++a}\tReviewStatus ${t} ${s.status}`);
    if (s.note && oneLine(s.note)) lines.push(`#${++note}\tAnnotatorNotes ${t}\t${oneLine(s.note)}`);
    if (s.speaker && oneLine(s.speaker)) lines.push(`#${++note}\tAnnotatorNotes ${t}\tSpeaker: ${oneLine(s.speaker)}`);
    if (s.claimId) lines.push(`N${++n}\tReference ${t} ${CLAIM_DB}:${s.claimId}\t${oneLine(s.claimText ?? '') || s.claimId}`);
  }
  for (const l of article.links) {
    const from = tOf.get(l.fromId);
    if (!from) continue;
    const here = tOf.get(l.toId);
    if (here) {
      lines.push(`R${++r}\t${RELATION[l.kind]} Arg1:${from} Arg2:${here}`);
      continue;
    }
    if (l.to.articleId === article.id) continue; // the other span covers no text and has no T line
    const where = located.get(l.toId);
    const file = where ? `${bratFileBase(where.article)}.ann T${where.ordinal}` : `article ${l.to.articleId}`;
    lines.push(`#${++note}\tAnnotatorNotes ${from}\t${RELATION[l.kind]}: ${file} ${l.to.start} ${l.to.end} "${oneLine(l.to.exact)}"`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** A SpanLocator over articles held in memory (tests, small exports). */
export function locateIn(articles: ExportArticle[]): SpanLocator {
  const all = new Map<string, SpanLocation>();
  for (const a of articles) a.spans.forEach((s, i) => all.set(s.id, { article: a, ordinal: i + 1 }));
  return async (ids) => new Map(ids.flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : [])));
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Streams the ZIP archive: each article's two files are compressed and
 * yielded before the next article is read. Cross-article links are resolved
 * through `locate`, one call per article that has any.
 */
export async function* toBrat(scope: ExportScope, articles: AsyncIterable<ExportArticle>, locate: SpanLocator): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else pending.push(chunk);
  });
  const add = (name: string, content: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(encoder.encode(content), true);
  };
  const drain = () => {
    if (failure) throw failure;
    return concat(pending.splice(0));
  };

  add('annotation.conf', annotationConf());
  add('tools.conf', toolsConf(scope.baseUrl));
  yield drain();
  for await (const article of articles) {
    const base = bratFileBase(article);
    const here = new Set(article.spans.map((s) => s.id));
    const elsewhere = article.links.filter((l) => !here.has(l.toId)).map((l) => l.toId);
    const located = elsewhere.length ? await locate([...new Set(elsewhere)]) : new Map<string, SpanLocation>();
    add(`${base}.txt`, article.text);
    add(`${base}.ann`, articleToAnn(article, located));
    yield drain();
  }
  zip.end();
  yield drain();
}
