// Writes bench/results.json (flat name → number, merged with the previous file
// so `--only` keeps the other benchmarks' figures) and BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './processes';
import type { Benchmark, Figures } from './types';

export const RESULTS = path.join(ROOT, 'bench', 'results.json');

export function machineFigures(): Figures {
  return {
    'machine.cpus': os.cpus().length,
    'machine.memory_gb': Number((os.totalmem() / 2 ** 30).toFixed(1)),
    'machine.node_major': Number(process.versions.node.split('.')[0]),
    'machine.run_at_unix': Math.round(Date.now() / 1000),
  };
}

export function mergeResults(fresh: Figures): Figures {
  let previous: Figures = {};
  try {
    previous = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
  } catch {
    /* first run */
  }
  const merged = { ...previous, ...fresh };
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  fs.writeFileSync(RESULTS, JSON.stringify(sorted, null, 2) + '\n');
  return sorted;
}

export function writeMarkdown(benchmarks: Benchmark[], results: Figures, info: Record<string, string>, ran: string[]) {
  const table = ['| Figure | Value | Yardstick | Goal | Pass |', '| --- | --- | --- | --- | --- |'];
  for (const b of benchmarks) {
    for (const r of b.rows(results)) {
      const pass = r.pass === undefined ? '' : r.pass ? 'pass' : '**FAIL**';
      table.push(`| ${r.figure} | ${r.value} | ${r.yardstick} | ${r.goal} | ${pass} |`);
    }
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const machine = [
    `- CPU: ${cpu}, ${os.cpus().length} cores`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node: ${process.version}`,
    ...Object.entries(info).map(([k, v]) => `- ${k[0].toUpperCase()}${k.slice(1)}: ${v}`),
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ];
  const r = results;
  const md = `# Benchmarks

Run with:

\`\`\`
npm run bench                          # everything
npm run bench -- --only span-create    # one benchmark: span-create | reader | suggestion-quality | suggestion-latency | review-queue | import | export
npm run bench -- --build               # rebuild first
\`\`\`

An existing production build (\`.next/BUILD_ID\`) is reused, so pass \`--build\` after changing code;
without a build, \`next build\` runs first.

Everything runs on one machine: a throwaway embedded PostgreSQL, \`next start\`
(production build), the load generator (autocannon) and Chromium share the
cores, so absolute numbers are modest; the ratios against the yardsticks are
the figures to watch. Raw figures: \`bench/results.json\`.${ran.length < benchmarks.length ? `\n\nLast run: ${ran.join(', ') || 'none'} only (\`--only\`); any other rows are from an earlier run.` : ''}

## Machine

${machine.join('\n')}

## Results

${table.join('\n')}

## Method

**Span creation** (\`bench/span-create.ts\`): \`POST /api/v1/articles/{id}/annotations\` with a Bearer
API token, ${r['span_create.connections'] ?? 16} concurrent connections (autocannon, keep-alive), each request a different valid
range of 1–12 words (1,000 ranges, rotating) over a generated ${r['span_create.article_words'] ?? '2,000'}-word article, so every request
inserts a real span. The yardstick is \`bench/bare-server.ts\`: \`node:http\` + \`pg\` (Pool of 10,
like the app's Prisma pool) doing the same work — token hash lookup, membership check, the same
\`substring\` SELECT, the INSERT. After a 3 s warm-up of each, runs of ${r['span_create.duration_s'] ?? 10} s alternate bare, next,
bare, next… (${r['span_create.rounds'] ?? 3} rounds); figures are **medians over the ${r['span_create.rounds'] ?? 3} alternating runs** (latency
percentiles are exact, from every response); the ratio is median next req/s over median bare req/s.
Non-2xx and socket errors are summed over all runs (the first error bodies are printed to the console).

**Reader** (\`bench/reader.ts\`): a generated ${r['reader.words'] ?? '50,000'}-word article (paragraphs, accents, emoji) with
${r['reader.spans.count'] ?? '2,000'} spans (1–12 words each, within a paragraph, some overlapping), and the same text as a second
article with no spans (the yardstick). Signed in through the login form in headless Chromium,
each visit opens a new tab and measures from navigation start to the moment the reader root
\`[data-testid="article-reader"]\` gets \`data-highlights-ready="true"\` (recorded in the page by a
MutationObserver); \`data-highlight-count\` must equal the span count. One unrecorded warm-up
visit each, then ${r['reader.runs'] ?? 5} visits each, alternating; figures are **medians over the alternating runs**.

**Suggestion quality** (\`bench/suggestion-quality.ts\`): the ${r['suggest.quality.bodies'] ?? 904} FNC-1 test bodies (real news,
\`bench/data/fnc-1\`) are imported into a fresh project with the app's \`importFile\` (${r['suggest.quality.sentences'] ?? '~35,000'} sentences).
Each of the ${r['suggest.quality.headlines'] ?? 894} distinct test headlines is used as a highlighted claim: \`rankSentences\` (the
ranking behind the suggestions endpoint) ranks the project's sentences against it, asked for up to
${r['suggest.quality.rank_limit'] ?? '10,000'} (it returns at most its re-ranked candidates, CANDIDATES in lib/suggestions/rank-sentences.ts; on average ${r['suggest.quality.returned_sentences_mean'] ?? '?'} sentences
from ${r['suggest.quality.returned_bodies_mean'] ?? '?'} bodies came back), and a body scores its best sentence's score, 0 if none came back.
Related = agree, disagree or discuss; unrelated = unrelated (FNC-1 labels, ${r['suggest.quality.pairs'] ?? '25,413'} pairs).
**auc**: ROC-AUC (Mann–Whitney, ties 0.5) over one headline's labelled bodies, **averaged over headlines** (macro);
**pooled_auc**: over all labelled pairs at once. **recall_at_10**: of a headline's related bodies, the
fraction in its top 10 among *all* the project's bodies (score 0 = not suggested, never in the top 10;
ties by body id), macro-averaged (**_micro**: pooled counts); headlines with more than 10 related bodies
cannot reach 1, hence the ceiling. **both_sides_top10_rate**: of the ${r['suggest.quality.both_sides_headlines'] ?? 211} headlines with an agree
and a disagree body, how often both an agree and a disagree body are in the top 10.
**related_unscored_rate**: related pairs whose body got score 0. **top10_sentences_distinct_bodies_mean**:
how many different bodies the 10 best sentences (what the endpoint shows) come from. The yardstick is plain TF-IDF cosine
computed in TypeScript over the same stored bodies (body-level, lowercase word tokens, no stemming or
stop list, smooth idf, L2-normalised; the headline weighted with the same idf).

**Suggestion latency** (\`bench/suggestion-latency.ts\`): a project of ${r['suggest.latency.sentences'] ?? '≥ 100,000'} sentences: all FNC-1 bodies
(train 1,683 + test 904, imported with \`importFile\`) and variants of them (paragraphs shuffled, a suffix
line, their own externalId) up to the target; then \`VACUUM (ANALYZE)\`, as autovacuum would do shortly
after an import. ${r['suggest.latency.spans'] ?? 200} spans are created with \`createAnnotation\` on random whole sentences (seeded).
\`GET /api/v1/annotations/{id}/suggestions?limit=10\` with a Bearer token, ${r['suggest.latency.connections'] ?? 4} concurrent connections
(autocannon), each request the next span in turn, ${r['suggest.latency.requests'] ?? '1,000'} requests after 100 unrecorded warm-up requests.
The yardstick is the same ranking called in-process (\`rankSentences\` with the arguments \`suggestFor\`
passes, same concurrency, same spans): the gap is HTTP, token auth, the span lookup and JSON. Runs alternate
direct, HTTP (${r['suggest.latency.rounds'] ?? 2} rounds each); percentiles are over every request of all rounds. **direct_seq**: the same
direct calls one at a time, each span once: the statement's own cost, without queueing for the cores.

**Review queue** (\`bench/review-queue.ts\`): one project with 100,000 pending spans (one \`INSERT … SELECT generate_series\`,
quotes cut from real article text), then \`VACUUM (ANALYZE)\`. First page: \`GET /api/v1/projects/{id}/review-queue\`
(50 oldest items + counts per analyst and tag) with a reviewer's token, sequential requests after warm-up; the yardstick
is the same two queries in-process. Approve: 8 concurrent connections POST \`…/annotations/{id}/review\`, each request
on a distinct pending span (no 409 possible); the yardstick is the same conditional UPDATE + audit INSERT in one
transaction over plain \`pg\` at the same concurrency.

**Import** (\`bench/import-export.ts\`): the 2,587 FNC-1 bodies (train + test CSV files) imported with the app's
\`importFile\` (validation, canonical text, one transaction per file, sentence splitting and indexing) into a fresh
project, beside a raw \`COPY … FROM STDIN (FORMAT csv)\` of the same files into a plain table; alternating rounds, medians.

**Export** (\`bench/import-export.ts\`): 1,000 generated articles with 1,000,000 approved spans; \`GET …/export?format=w3c\`
and \`format=jsonl\` streamed from the Next server and drained, beside \`COPY (SELECT …) TO STDOUT\` of the same span
rows; the server's RSS is sampled every 100 ms (VmRSS of the process listening on its port) and the maximum reported.
`;
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), md);
}
