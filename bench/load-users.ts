// The simulated users of the load benchmark (bench/load.ts): closed loops, no
// think time, each doing what an analyst or a reviewer does in the app, over
// HTTP with its account's Bearer token. Every acknowledged write is recorded
// with the state and version the server answered, for the lost-write check
// (bench/load-verify.ts).
import { performance } from 'node:perf_hooks';
import { LABELS, type Label } from '@/lib/annotations/dto';
import { rng } from './fixtures';

export const REQUEST_TYPES = ['read-article', 'list-annotations', 'create-span', 'edit-span', 'link-spans', 'suggestions', 'review-queue', 'review-span'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** 409 is an outcome, not an error, only where two writers legitimately race on one version. */
const RACES: ReadonlySet<RequestType> = new Set(['edit-span', 'review-span']);

export type SpanState = { label: string; note: string | null; status: string; version: number };
export type AckedWrite = SpanState & { spanId: string; action: 'annotation.create' | 'annotation.update' | 'annotation.review' };
export type AckedLink = { id: string; from: string; to: string; kind: string };
export type TypeStats = { ms: number[]; ok: number; conflicts: number; errors: number };

type Dto = { id: string; articleId: string; label: string; note: string | null; status: string; version: number };
type Article = { id: string; ranges: { start: number; end: number }[] };
export type Account = { id: string; token: string };
export type User = { role: 'analyst' | 'reviewer'; account: Account; seed: number };

/** What all users share: the data they work on, what was acknowledged, and the figures. */
export class LoadWorld {
  readonly stats = new Map<RequestType, TypeStats>(REQUEST_TYPES.map((t) => [t, { ms: [], ok: 0, conflicts: 0, errors: 0 }]));
  readonly acks: AckedWrite[] = [];
  readonly links: AckedLink[] = [];
  readonly errorSamples: string[] = [];
  /** Spans per article that anyone may link to. */
  readonly spansByArticle = new Map<string, string[]>();
  /** Unordered pairs already linked or being linked: a pair is linked once, so no 409 by design. */
  readonly linkedPairs = new Set<string>();
  /** Off during warm-up: requests still run and acks are still verified, but no figures. */
  recording = false;
  warmupErrors = 0;

  constructor(
    readonly url: string,
    readonly projectId: string,
    readonly articles: Article[],
  ) {
    for (const a of articles) this.spansByArticle.set(a.id, []);
  }

  /** One request; the answer's JSON on 2xx (and on an expected 409), null otherwise. */
  async call(user: User, type: RequestType, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown } | null> {
    const t0 = performance.now();
    let status = 0;
    let text = '';
    try {
      const res = await fetch(this.url + path, {
        method,
        headers: { authorization: `Bearer ${user.account.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      text = String(e);
    }
    const ms = performance.now() - t0;
    const s = this.stats.get(type)!;
    const ok = status >= 200 && status < 300;
    const race = status === 409 && RACES.has(type);
    if (this.recording) {
      s.ms.push(ms);
      if (ok) s.ok++;
      else if (race) s.conflicts++;
      else s.errors++;
    } else if (!ok && !race) this.warmupErrors++;
    if (!ok && !race) {
      if (this.errorSamples.length < 5) this.errorSamples.push(`${type} ${method} ${path}: ${status || 'network'} ${text.slice(0, 300)}`);
      return null;
    }
    return { status, json: JSON.parse(text) };
  }

  ack(action: AckedWrite['action'], dto: Dto) {
    this.acks.push({ spanId: dto.id, action, label: dto.label, note: dto.note, status: dto.status, version: dto.version });
  }
}

/** An analyst: reads articles, tags spans, edits and links its own spans, asks for suggestions. */
async function analystStep(world: LoadWorld, user: User, r: ReturnType<typeof rng>, own: Map<string, Dto>) {
  const roll = r.next();
  const article = r.pick(world.articles);
  const mine = [...own.values()];
  if (roll < 0.25 || (mine.length === 0 && roll < 0.5)) {
    await world.call(user, 'read-article', 'GET', `/api/v1/articles/${article.id}`);
  } else if (roll < 0.4) {
    await world.call(user, 'list-annotations', 'GET', `/api/v1/articles/${article.id}/annotations`);
  } else if (roll < 0.6 || mine.length === 0) {
    const range = r.pick(article.ranges);
    const res = await world.call(user, 'create-span', 'POST', `/api/v1/articles/${article.id}/annotations`, { ...range, label: r.pick(LABELS) });
    if (!res) return;
    const dto = res.json as Dto;
    own.set(dto.id, dto);
    world.spansByArticle.get(dto.articleId)!.push(dto.id);
    world.ack('annotation.create', dto);
  } else if (roll < 0.75) {
    const span = r.pick(mine);
    const label: Label = r.pick(LABELS);
    const res = await world.call(user, 'edit-span', 'PATCH', `/api/v1/annotations/${span.id}`, { label, note: `note ${r.int(1e6)}`, version: span.version });
    if (!res) return;
    if (res.status === 409) {
      // A reviewer decided on the span since we last saw it: carry on from its current version.
      const current = /current is (\d+)/.exec((res.json as { error: { fields?: { version?: string } } }).error.fields?.version ?? '');
      if (current) span.version = Number(current[1]);
      return;
    }
    const dto = res.json as Dto;
    own.set(dto.id, dto);
    world.ack('annotation.update', dto);
  } else if (roll < 0.88) {
    const from = r.pick(mine);
    const others = world.articles.filter((a) => a.id !== from.articleId && world.spansByArticle.get(a.id)!.length > 0);
    if (others.length === 0) return;
    const to = r.pick(world.spansByArticle.get(r.pick(others).id)!);
    const pair = [from.id, to].sort().join(':');
    if (world.linkedPairs.has(pair)) return;
    world.linkedPairs.add(pair);
    const kind = r.next() < 0.5 ? 'corroborates' : 'contradicts';
    const res = await world.call(user, 'link-spans', 'POST', '/api/v1/links', { fromAnnotationId: from.id, toAnnotationId: to, kind });
    if (res) world.links.push({ id: (res.json as { id: string }).id, from: from.id, to, kind });
  } else {
    await world.call(user, 'suggestions', 'GET', `/api/v1/annotations/${r.pick(mine).id}/suggestions?limit=5`);
  }
}

/**
 * A reviewer: lists a queue page (mostly one article's, as reviewers split the
 * work), then decides items from it, approve or reject, with the version the
 * page showed. Another reviewer deciding the same item first, or its analyst
 * editing it meanwhile, makes that version stale: 409, the race the version exists for.
 */
async function reviewerStep(world: LoadWorld, user: User, r: ReturnType<typeof rng>, page: Dto[]) {
  if (page.length === 0 || r.next() < 0.15) {
    const filter = r.next() < 0.8 ? `&articleId=${r.pick(world.articles).id}` : '';
    const res = await world.call(user, 'review-queue', 'GET', `/api/v1/projects/${world.projectId}/review-queue?limit=20${filter}`);
    page.length = 0;
    if (res) page.push(...(res.json as { items: Dto[] }).items);
    return;
  }
  if (r.next() < 0.1) {
    await world.call(user, 'read-article', 'GET', `/api/v1/articles/${r.pick(world.articles).id}`);
    return;
  }
  const [item] = page.splice(r.int(page.length), 1);
  const decision = r.next() < 0.7 ? { decision: 'approve', version: item.version } : { decision: 'reject', comment: 'Not what the text says', version: item.version };
  const res = await world.call(user, 'review-span', 'POST', `/api/v1/annotations/${item.id}/review`, decision);
  if (res?.status === 200) world.ack('annotation.review', res.json as Dto);
}

/** Runs one user until `until` (performance.now() time). */
export async function runUser(world: LoadWorld, user: User, until: () => number) {
  const r = rng(user.seed);
  const own = new Map<string, Dto>();
  const page: Dto[] = [];
  while (performance.now() < until()) {
    if (user.role === 'analyst') await analystStep(world, user, r, own);
    else await reviewerStep(world, user, r, page);
  }
}
