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
npm run bench -- --only span-create    # one benchmark: span-create | reader | suggestion-quality | suggestion-latency | review-queue | import | export | load
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
${r['suggest.quality.rank_limit'] ?? '10,000'} (it returns at most two sentences of each article holding one of the headline's rarest words, see lib/suggestions/rank-sentences.ts; on average ${r['suggest.quality.returned_sentences_mean'] ?? '?'} sentences
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
is the same two statements in-process (\`readQueue\`, no HTTP or role check). Approve: 8 concurrent connections POST \`…/annotations/{id}/review\`, each request
on a distinct pending span (no 409 possible); the yardstick is the same conditional UPDATE + audit INSERT in one
transaction over plain \`pg\` at the same concurrency.

**Import** (\`bench/import-export.ts\`): the 2,587 FNC-1 bodies (train + test CSV files) imported with the app's
\`importFile\` (validation, canonical text, one transaction per file, sentence splitting; the articles and
sentences are searchable when it returns) into a fresh
project, beside a raw \`COPY … FROM STDIN (FORMAT csv)\` of the same files into a plain table; alternating rounds
(5), after one warm-up import of 300 other bodies (not counted: V8 compiles the import code, as in a server
that has been up). Before each COPY and each import the database is settled (VACUUM ANALYZE, CHECKPOINT, unmeasured),
so that neither pays for the cleanup after the round before. The ratio is the **median over rounds of each round's
import over its own COPY**, measured a second apart: this machine's speed drifts between rounds (the log prints each
round's COPY and import), and a round's two figures drift together; the ratio of the medians is printed beside it.
CPU seconds of this process and of the whole PostgreSQL server (\`/proc\`) are taken around each. Then, timed apart,
the sentence indexer the import set going after its commit (\`import.indexed_after\`: it waits 0.25 s after the last
import, then fills the tsvectors on two connections; until then search computes them as it reads). For scale, each round
also copies the sentences it stored, already split, into a table holding only their tsvector and its GIN index
(\`import.index_floor\`): what the search index alone costs one PostgreSQL backend. Memory: a ~64 MB JSONL
of FNC-1 bodies (28,941 articles) imported while \`process.memoryUsage()\` is sampled every 100 ms, and once a second
after a forced full GC (the live heap: what the import holds).

**Export** (\`bench/import-export.ts\`): 1,000 generated articles with 1,000,000 approved spans; \`GET …/export?format=w3c\`
and \`format=jsonl\` each streamed from a fresh \`next start\` (warmed up on a small project; the shared bench server's RSS
depends on the benchmarks run before; the log prints it) and drained by a small client process of
its own, beside \`COPY (SELECT …) TO STDOUT\` of the same span rows; the server's RSS is sampled every 100 ms (VmRSS of
the process listening on its port) and the maximum reported, with CPU seconds of the server, PostgreSQL and the client.

**Load** (\`bench/load.ts\`, \`bench/load-users.ts\`): ${r['load.users'] ?? 50} simulated users at once for ${r['load.target_s'] ?? 60} s (after a 5 s warm-up) against
\`next start\`, closed loops without think time, each with its account's Bearer token: 35 analyst users on 6 analyst accounts
read articles (\`GET /articles/{id}\`, \`…/annotations\`), tag spans, edit their own spans with the version they hold, link them to
spans of other articles (each unordered pair once) and ask for suggestions; 15 reviewer users on 3 reviewer accounts list the
review queue (mostly one article's) and approve or reject items of it with the version the page showed. One project,
${r['load.articles'] ?? 20} generated articles, 2,000 pending spans to start from. Latency per request type is from send to last byte
(p50/p95 exact, over every request); throughput is all requests over the run. A 409 is counted apart, and only for edits and
review decisions, the two races the version exists for (a reviewer decides a span its analyst is editing; two reviewers decide
the same item); any other non-2xx or network error is an error. **Lost writes**: afterwards every acknowledged write (201/200)
is looked up: each span at its highest acknowledged version with that answer's label, note and status (a higher version would
be a commit nobody was told about), an audit event for every acknowledged version, each link with its ends and kind. Yardsticks
in the same run: a direct-SQL probe, one in-process worker over plain \`pg\` every 100 ms during the run, doing what \`GET /articles/{id}\`
asks the database (token lookup, article with the caller's roles, its spans with authors); and, after the run, span creation on
\`bench/bare-server.ts\` at the same ${r['load.users'] ?? 50} connections for 10 s. The machine's cores are shared with other work:
the 1-minute load average at the start and the CPU time of the Next server process (/proc) per request are reported so
the latencies can be read against them.
`;
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), md);
}
