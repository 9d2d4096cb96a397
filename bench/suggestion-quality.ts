// Benchmark C: how well suggestions find related news, on FNC-1 (real news).
//
// The 904 FNC-1 test bodies are imported into a fresh project through the
// app's import path. Each of the 894 distinct test headlines is then used as
// if it were a highlighted claim: rankSentences (lib/suggestions/
// rank-sentences.ts, the ranking behind GET /annotations/{id}/suggestions)
// ranks the project's sentences against it, and each body scores the score of
// its best sentence (0 if none of its sentences came back). The labelled
// (headline, body) pairs say which bodies are related (agree, disagree,
// discuss) and which are unrelated.
//
// Yardstick, in the same run: plain TF-IDF cosine between the headline and
// each whole body (lowercase word tokens, no stemming, no stop list; smooth
// idf = ln((1+N)/(1+df)) + 1; raw term counts; L2-normalised), the classic
// FNC-1 relatedness baseline.
//
// Figures (each for the app and for the baseline):
// - auc: ROC-AUC of related vs unrelated over the labelled bodies of one
//   headline (Mann–Whitney, ties count 0.5), averaged over the headlines that
//   have both classes (macro). pooled_auc: the same over all labelled pairs at
//   once (scores of different queries are not strictly comparable; shown for
//   reference).
// - recall_at_10: of a headline's related bodies, the fraction among its top
//   10 bodies of the whole project (all 904 bodies compete; a body with score
//   0 was not suggested and is never in the top 10; ties broken by body id),
//   macro-averaged over headlines; _micro pools the counts. A headline with
//   more than 10 related bodies cannot reach 1: recall_at_10_ceiling is the
//   best possible macro value.
// - both_sides_top10_rate: over headlines with at least one agree and one
//   disagree body, how often an agree body and a disagree body are both in
//   the top 10.
import { performance } from 'node:perf_hooks';
import { rankSentences } from '@/lib/suggestions/rank-sentences';
import { makeProject, testDb } from '../test/factories';
import { importFnc1, readStances, type Fnc1Stance } from './fnc1';
import { percentile, round } from './stats';
import type { Benchmark, BenchContext, Figures, Row } from './types';

const BODIES = 'competition_test_bodies.csv.gz';
const STANCES = 'competition_test_stances.csv.gz';
const TOP = 10;
/**
 * Asked of rankSentences per headline. Far above what it can return (at most
 * two sentences of each matching article), so every body it would ever
 * suggest gets its best sentence's score.
 */
const DEFAULT_RANK_LIMIT = 10_000;

// ---------------------------------------------------------------- metrics

/** ROC-AUC by Mann–Whitney U with mid-ranks (a tie counts 0.5). NaN without both classes. */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number {
  const n = scores.length;
  const order = [...scores.keys()].sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) if (positive[order[k]]) (rankSumPos += midRank), nPos++;
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Bodies with a score above 0, best first, ties by body id (numeric): the top `k`. */
function topBodies(scores: Map<string, number>, k: number): string[] {
  return [...scores.entries()]
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))
    .slice(0, k)
    .map(([id]) => id);
}

// ---------------------------------------------------------------- TF-IDF baseline

const tokens = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function termCounts(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** Body-level TF-IDF with an inverted index: a query touches only the bodies sharing a term with it. */
export class TfIdf {
  private idf = new Map<string, number>();
  private postings = new Map<string, { doc: string; w: number }[]>();

  constructor(docs: { id: string; text: string }[]) {
    const counts = docs.map((d) => ({ id: d.id, tf: termCounts(d.text) }));
    const df = new Map<string, number>();
    for (const { tf } of counts) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const n = docs.length;
    for (const [t, f] of df) this.idf.set(t, Math.log((1 + n) / (1 + f)) + 1);
    for (const { id, tf } of counts) {
      const vec = this.weigh(tf);
      for (const [t, w] of vec) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push({ doc: id, w });
      }
    }
  }

  /** tf·idf over known terms, L2-normalised. */
  private weigh(tf: Map<string, number>): Map<string, number> {
    const vec = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of tf) {
      const idf = this.idf.get(t);
      if (idf === undefined) continue; // a query word no body has
      const w = c * idf;
      vec.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of vec) vec.set(t, w / norm);
    return vec;
  }

  /** Cosine with every body sharing a term; the others are 0 and left out. */
  scores(query: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [t, q] of this.weigh(termCounts(query))) {
      for (const { doc, w } of this.postings.get(t) ?? []) out.set(doc, (out.get(doc) ?? 0) + q * w);
    }
    return out;
  }
}

// ---------------------------------------------------------------- run

type Side = 'app' | 'baseline';
type Tally = {
  aucs: number[];
  pooledScores: number[];
  pooledRelated: boolean[];
  recalls: number[];
  hits: number;
  relatedZero: number;
  bothSides: number;
};
const tally = (): Tally => ({ aucs: [], pooledScores: [], pooledRelated: [], recalls: [], hits: 0, relatedZero: 0, bothSides: 0 });

async function run(ctx: BenchContext): Promise<Figures> {
  const rankLimit = Number(ctx.flags['rank-limit'] ?? DEFAULT_RANK_LIMIT);
  const project = await makeProject('FNC-1 suggestion quality');
  const t0 = performance.now();
  const imported = await importFnc1(project.id, BODIES);
  const articles = await testDb().article.findMany({ where: { projectId: project.id }, select: { id: true, externalId: true, text: true } });
  const sentences = await testDb().sentence.count({ where: { article: { projectId: project.id } } });
  console.log(
    `[suggestion-quality] imported ${imported.added} bodies (${sentences} sentences) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (imported.added !== imported.articles) throw new Error(`expected a fresh project, ${imported.unchanged} bodies were already there`);
  const bodyOfArticle = new Map(articles.map((a) => [a.id, a.externalId!]));

  // Labelled pairs by headline, in file order. FNC-1 has no conflicting duplicates, but check.
  const byHeadline = new Map<string, Map<string, Fnc1Stance['stance']>>();
  let duplicates = 0;
  const stances = readStances(STANCES);
  for (const s of stances) {
    let pairs = byHeadline.get(s.headline);
    if (!pairs) byHeadline.set(s.headline, (pairs = new Map()));
    const had = pairs.get(s.bodyId);
    if (had !== undefined) {
      duplicates++;
      if (had !== s.stance) throw new Error(`conflicting labels for "${s.headline}" / body ${s.bodyId}: ${had}, ${s.stance}`);
    }
    pairs.set(s.bodyId, s.stance);
  }
  const knownBodies = new Set(bodyOfArticle.values());
  for (const s of stances) if (!knownBodies.has(s.bodyId)) throw new Error(`stance for unknown body ${s.bodyId}`);

  // The baseline sees the bodies exactly as stored (canonical text).
  const baseline = new TfIdf(articles.map((a) => ({ id: a.externalId!, text: a.text })));

  const sides: Record<Side, Tally> = { app: tally(), baseline: tally() };
  let pairCount = 0;
  let relatedCount = 0;
  let ceilingSum = 0;
  let bothSidesHeadlines = 0;
  let returnedSentences = 0;
  let returnedBodies = 0;
  let top10Bodies = 0;
  const queryMs: number[] = [];
  let done = 0;
  for (const [headline, pairs] of byHeadline) {
    const started = performance.now();
    const ranked = await rankSentences(project.id, headline, { limit: rankLimit });
    queryMs.push(performance.now() - started);
    const app = new Map<string, number>();
    for (const r of ranked) {
      const body = bodyOfArticle.get(r.articleId);
      if (body === undefined) throw new Error(`rankSentences returned article ${r.articleId} from outside the project`);
      app.set(body, Math.max(app.get(body) ?? 0, r.score));
    }
    returnedSentences += ranked.length;
    returnedBodies += app.size;
    // What the endpoint would show (limit 10): how many different bodies its 10 sentences come from.
    top10Bodies += new Set(ranked.slice(0, TOP).map((r) => r.articleId)).size;
    const scores: Record<Side, Map<string, number>> = { app, baseline: baseline.scores(headline) };

    const labelled = [...pairs.entries()];
    const related = labelled.filter(([, s]) => s !== 'unrelated').map(([b]) => b);
    if (related.length === 0) throw new Error(`headline without a related body: "${headline}"`); // none in FNC-1 test
    const agree = labelled.filter(([, s]) => s === 'agree').map(([b]) => b);
    const disagree = labelled.filter(([, s]) => s === 'disagree').map(([b]) => b);
    pairCount += labelled.length;
    relatedCount += related.length;
    ceilingSum += Math.min(TOP, related.length) / related.length;
    const hasBothSides = agree.length > 0 && disagree.length > 0;
    if (hasBothSides) bothSidesHeadlines++;

    for (const side of ['app', 'baseline'] as const) {
      const t = sides[side];
      const s = scores[side];
      const values = labelled.map(([b]) => s.get(b) ?? 0);
      const isRelated = labelled.map(([, st]) => st !== 'unrelated');
      const auc = rocAuc(values, isRelated);
      if (!Number.isNaN(auc)) t.aucs.push(auc);
      t.pooledScores.push(...values);
      t.pooledRelated.push(...isRelated);
      t.relatedZero += related.filter((b) => !(s.get(b)! > 0)).length;
      const top = new Set(topBodies(s, TOP));
      const hits = related.filter((b) => top.has(b)).length;
      t.hits += hits;
      t.recalls.push(hits / related.length);
      if (hasBothSides && agree.some((b) => top.has(b)) && disagree.some((b) => top.has(b))) t.bothSides++;
    }
    if (++done % 200 === 0) console.log(`[suggestion-quality] ${done}/${byHeadline.size} headlines`);
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const f: Figures = {
    'suggest.quality.headlines': byHeadline.size,
    'suggest.quality.auc_headlines': sides.app.aucs.length,
    'suggest.quality.pairs': pairCount,
    'suggest.quality.related_pairs': relatedCount,
    'suggest.quality.duplicate_pairs': duplicates,
    'suggest.quality.bodies': articles.length,
    'suggest.quality.sentences': sentences,
    'suggest.quality.rank_limit': rankLimit,
    'suggest.quality.returned_sentences_mean': round(returnedSentences / byHeadline.size, 1),
    'suggest.quality.returned_bodies_mean': round(returnedBodies / byHeadline.size, 1),
    'suggest.quality.top10_sentences_distinct_bodies_mean': round(top10Bodies / byHeadline.size, 2),
    'suggest.quality.recall_at_10_ceiling': round(ceilingSum / byHeadline.size, 4),
    'suggest.quality.both_sides_headlines': bothSidesHeadlines,
    'suggest.quality.query_p50_ms': round(percentile(queryMs, 50), 1),
    'suggest.quality.query_p95_ms': round(percentile(queryMs, 95), 1),
  };
  for (const side of ['app', 'baseline'] as const) {
    const t = sides[side];
    const p = side === 'app' ? 'suggest.quality.' : 'suggest.quality.baseline_';
    f[`${p}auc`] = round(mean(t.aucs), 4);
    f[`${p}pooled_auc`] = round(rocAuc(t.pooledScores, t.pooledRelated), 4);
    f[`${p}recall_at_10`] = round(mean(t.recalls), 4);
    f[`${p}recall_at_10_micro`] = round(t.hits / relatedCount, 4);
    f[`${p}both_sides_top10_rate`] = round(t.bothSides / bothSidesHeadlines, 4);
    f[`${p}related_unscored_rate`] = round(t.relatedZero / relatedCount, 4);
  }
  console.log(
    `[suggestion-quality] ${byHeadline.size} headlines, ${pairCount} pairs; rankSentences p50 ${f['suggest.quality.query_p50_ms']} ms, ` +
      `p95 ${f['suggest.quality.query_p95_ms']} ms; ${f['suggest.quality.returned_bodies_mean']} bodies / ` +
      `${f['suggest.quality.returned_sentences_mean']} sentences returned per headline on average`,
  );
  return f;
}

function rows(r: Figures): Row[] {
  if (r['suggest.quality.auc'] === undefined) return [];
  // A figure added after the last run of this benchmark shows as "–" until the next run.
  const q = (k: string) => r[`suggest.quality.${k}`] ?? '–';
  const base = (k: string) => `TF-IDF: ${q(`baseline_${k}`)}`;
  const aucPass = q('auc') >= 0.98 && q('auc') > q('baseline_auc');
  return [
    { figure: 'suggest.quality.auc (per headline, mean)', value: String(q('auc')), yardstick: base('auc'), goal: '≥ 0.98 and > TF-IDF', pass: aucPass },
    { figure: 'suggest.quality.pooled_auc (all pairs)', value: String(q('pooled_auc')), yardstick: base('pooled_auc'), goal: '' },
    {
      figure: 'suggest.quality.recall_at_10 (macro)',
      value: String(q('recall_at_10')),
      yardstick: `${base('recall_at_10')}; ceiling ${q('recall_at_10_ceiling')}`,
      goal: '',
    },
    { figure: 'suggest.quality.recall_at_10_micro', value: String(q('recall_at_10_micro')), yardstick: base('recall_at_10_micro'), goal: '' },
    {
      figure: 'suggest.quality.both_sides_top10_rate',
      value: `${q('both_sides_top10_rate')} (of ${q('both_sides_headlines')} headlines)`,
      yardstick: base('both_sides_top10_rate'),
      goal: '',
    },
    {
      figure: 'suggest.quality.related_unscored_rate',
      value: String(q('related_unscored_rate')),
      yardstick: base('related_unscored_rate'),
      goal: '',
    },
    {
      figure: 'suggest.quality.top10_sentences_distinct_bodies_mean',
      value: String(q('top10_sentences_distinct_bodies_mean')),
      yardstick: `${q('returned_sentences_mean')} sentences from ${q('returned_bodies_mean')} bodies returned`,
      goal: '',
    },
    {
      figure: 'suggest.quality.headlines',
      value: `${q('headlines')} (${q('pairs')} pairs, ${q('related_pairs')} related)`,
      yardstick: `${q('bodies')} bodies, ${q('sentences')} sentences`,
      goal: '',
    },
  ];
}

export const suggestionQuality: Benchmark = { name: 'suggestion-quality', run, rows };
