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
npm run bench -- --only span-create    # one benchmark: span-create | reader
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
`;
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), md);
}
