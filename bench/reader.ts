// Benchmark B: how long a 50,000-word article with 2,000 spans takes to show
// its highlights in Chromium, against the same text with no spans (the
// yardstick: what the page costs without the span work). Beside it, the
// project page (its article list) of a project of FNC-1's size, 2,587
// articles, against the same page of a project of 5.
//
// Time = from navigation start (performance.timeOrigin of the new document)
// until the reader root carries data-highlights-ready="true". A MutationObserver
// installed before any page script records the moment in the page itself, so
// Playwright's polling delay is not part of the figure.
import { chromium, type BrowserContext } from '@playwright/test';
import { addMember, makeArticle, makeProject, makeUser, testDb, TEST_PASSWORD } from '../test/factories';
import { articleFields } from '@/lib/articles/article-fields';
import { annotationRows, generateArticle, generateRanges } from './fixtures';
import { median, round } from './stats';
import type { Benchmark, BenchContext, Figures, Row } from './types';

const WORDS = 50_000;
const SPANS = 2_000;
const READY = '[data-testid="article-reader"][data-highlights-ready="true"]';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

type Visit = { ms: number; count: number; ttfb: number; dcl: number };

/**
 * Runs in the page before its own scripts (addInitScript). A string, not a
 * function: tsx (esbuild keepNames) would wrap a function's inner functions in
 * a `__name` helper that does not exist in the page.
 */
const RECORD_READY = `(() => {
  const observer = new MutationObserver(() => {
    const el = document.querySelector(${JSON.stringify(READY)});
    if (!el || window.__readyAt !== undefined) return;
    window.__readyAt = performance.now();
    window.__count = el.getAttribute('data-highlight-count');
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-highlights-ready'] });
})();`;

async function visit(context: BrowserContext, url: string, errors: string[]): Promise<Visit> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text().slice(0, 300)}`));
  // The console's "Failed to load resource" omits the URL: name it.
  page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, null, { timeout: 60_000, polling: 50 });
    // Highlights can be ready before DOMContentLoaded has finished; its timing is only known after.
    await page.waitForLoadState('domcontentloaded');
    return await page.evaluate(() => {
      const w = window as unknown as { __readyAt: number; __count: string | null };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { ms: w.__readyAt, count: Number(w.__count), ttfb: nav?.responseStart ?? NaN, dcl: nav?.domContentLoadedEventEnd ?? NaN };
    });
  } catch (e) {
    const html = await page.content().catch(() => '');
    const hint = html.includes('data-testid="article-reader"') ? 'the reader rendered but never set data-highlights-ready="true"' : 'no [data-testid="article-reader"] on the page';
    throw new Error(`${url}: ${hint}; ${(e as Error).message.split('\n')[0]}\n${errors.slice(0, 5).join('\n')}`);
  } finally {
    await page.close();
  }
}

async function seed() {
  const project = await makeProject();
  const user = await makeUser({ name: 'Bench Reader' });
  await addMember(user.id, project.id, 'ANALYST');
  const generated = generateArticle(WORDS, 201);
  const spans = await makeArticle(project.id, { title: 'Reader benchmark: 2,000 spans', text: generated.text });
  const plain = await makeArticle(project.id, { title: 'Reader benchmark: no spans', text: generated.text });
  if (spans.text !== generated.text) throw new Error('generated text is not canonical (NFC/LF): offsets would be wrong');
  const rows = annotationRows(spans.text, spans.textHash, generateRanges(generated, SPANS, 202), spans.id, user.id);
  await testDb().annotation.createMany({ data: rows });
  return { user, spans, plain, words: generated.words.length, ...(await seedProjectPages(user.id)) };
}

const LARGE_PROJECT = 2_587;

/** Two projects the user belongs to: one of FNC-1's size, one of the demo corpus's (5 articles). Short generated bodies: the list never reads them. */
async function seedProjectPages(userId: string) {
  const make = async (name: string, n: number) => {
    const project = await makeProject(name);
    await addMember(userId, project.id, 'ANALYST');
    const data = Array.from({ length: n }, (_, i) => ({
      ...articleFields({ title: `Generated story ${i}`, outlet: `Outlet ${i % 7}`, published: `2022-09-${String(1 + (i % 28)).padStart(2, '0')}`, text: generateArticle(60, 5_000 + i).text }),
      projectId: project.id,
    }));
    for (let i = 0; i < data.length; i += 1_000) await testDb().article.createMany({ data: data.slice(i, i + 1_000) });
    return project.id;
  };
  return { largeProject: await make('Project page benchmark: FNC-1 size', LARGE_PROJECT), smallProject: await make('Project page benchmark: 5 articles', 5) };
}

/** Time to DOMContentLoaded of a server-rendered page (no client-side readiness to wait for). */
async function visitPage(context: BrowserContext, url: string, errors: string[]): Promise<number> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  try {
    const res = await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (res?.status() !== 200) throw new Error(`${url}: HTTP ${res?.status()}`);
    return await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  } finally {
    await page.close();
  }
}

async function run(ctx: BenchContext): Promise<Figures> {
  const runs = Number(ctx.flags['reader-runs'] ?? 5);
  const { user, spans, plain, words, largeProject, smallProject } = await seed();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  ctx.info.browser = `Chromium ${browser.version()} (headless)`;
  const errors: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(RECORD_READY);

    // Sign in through the real login form, as a user would.
    ctx.next.assertAlive();
    const login = await context.newPage();
    await login.goto(`${ctx.next.url}/login`);
    await login.getByLabel('Email').fill(user.email);
    await login.getByLabel('Password').fill(TEST_PASSWORD);
    await login.getByRole('button', { name: 'Sign in' }).click();
    await login.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
    await login.close();

    const targets = { spans: `${ctx.next.url}/articles/${spans.id}`, plain: `${ctx.next.url}/articles/${plain.id}` };
    // Warm-up visit of each (not counted): server caches, JIT, browser's JS cache.
    for (const url of Object.values(targets)) await visit(context, url, errors);
    const visits: Record<'spans' | 'plain', Visit[]> = { spans: [], plain: [] };
    for (let i = 0; i < runs; i++) {
      for (const name of ['spans', 'plain'] as const) {
        ctx.next.assertAlive();
        const v = await visit(context, targets[name], errors);
        visits[name].push(v);
        console.log(`[reader] run ${i + 1} ${name}: ready at ${v.ms.toFixed(0)} ms (TTFB ${v.ttfb.toFixed(0)} ms, DOMContentLoaded ${v.dcl.toFixed(0)} ms), ${v.count} highlights`);
      }
    }
    const projectPages = { large: `${ctx.next.url}/projects/${largeProject}`, small: `${ctx.next.url}/projects/${smallProject}` };
    for (const url of Object.values(projectPages)) await visitPage(context, url, errors);
    const listed: Record<'large' | 'small', number[]> = { large: [], small: [] };
    for (let i = 0; i < runs; i++) {
      for (const name of ['large', 'small'] as const) {
        ctx.next.assertAlive();
        listed[name].push(await visitPage(context, projectPages[name], errors));
      }
      console.log(`[reader] run ${i + 1} project page: ${LARGE_PROJECT} articles ${listed.large.at(-1)!.toFixed(0)} ms, 5 articles ${listed.small.at(-1)!.toFixed(0)} ms (DOMContentLoaded)`);
    }
    for (const e of [...new Set(errors)].slice(0, 10)) console.log(`[reader] page reported: ${e}`);

    const figures: Figures = { 'reader.words': words, 'reader.spans.count': SPANS, 'reader.runs': runs, 'reader.page_errors': errors.length };
    for (const name of ['spans', 'plain'] as const) {
      const v = visits[name];
      figures[`reader.${name}.median_ms`] = round(median(v.map((x) => x.ms)), 0);
      figures[`reader.${name}.min_ms`] = round(Math.min(...v.map((x) => x.ms)), 0);
      figures[`reader.${name}.max_ms`] = round(Math.max(...v.map((x) => x.ms)), 0);
      figures[`reader.${name}.ttfb_ms`] = round(median(v.map((x) => x.ttfb)), 0);
      figures[`reader.${name}.dcl_ms`] = round(median(v.map((x) => x.dcl)), 0);
      // The lowest count seen: any run that drew fewer highlights shows up.
      figures[`reader.${name}.highlight_count`] = Math.min(...v.map((x) => x.count));
    }
    figures['reader.ratio'] = round(figures['reader.spans.median_ms'] / figures['reader.plain.median_ms'], 2);
    figures['project_page.articles'] = LARGE_PROJECT;
    figures['project_page.large_ms'] = round(median(listed.large), 0);
    figures['project_page.small_ms'] = round(median(listed.small), 0);
    figures['project_page.ratio'] = round(figures['project_page.large_ms'] / figures['project_page.small_ms'], 2);
    return figures;
  } finally {
    await browser.close();
  }
}

function rows(r: Figures): Row[] {
  if (r['reader.ratio'] === undefined) return [];
  return [
    {
      figure: 'reader.spans.median_ms (min–max)',
      value: `${r['reader.spans.median_ms']} ms (${r['reader.spans.min_ms']}–${r['reader.spans.max_ms']})`,
      yardstick: `plain: ${r['reader.plain.median_ms']} ms (${r['reader.plain.min_ms']}–${r['reader.plain.max_ms']})`,
      goal: '< 1000 ms',
      pass: r['reader.spans.median_ms'] < 1000,
    },
    { figure: 'reader.ratio (spans/plain)', value: String(r['reader.ratio']), yardstick: '1.0 = plain', goal: '≤ 2', pass: r['reader.ratio'] <= 2 },
    {
      figure: 'reader.spans.highlight_count',
      value: String(r['reader.spans.highlight_count']),
      yardstick: `plain: ${r['reader.plain.highlight_count']}`,
      goal: `= ${r['reader.spans.count']}`,
      pass: r['reader.spans.highlight_count'] === r['reader.spans.count'] && r['reader.plain.highlight_count'] === 0,
    },
    { figure: 'reader.spans.ttfb_ms', value: `${r['reader.spans.ttfb_ms']} ms`, yardstick: `plain: ${r['reader.plain.ttfb_ms']} ms`, goal: '' },
    { figure: 'reader.spans.dcl_ms', value: `${r['reader.spans.dcl_ms']} ms`, yardstick: `plain: ${r['reader.plain.dcl_ms']} ms`, goal: '' },
    ...(r['project_page.ratio'] === undefined
      ? []
      : [
          {
            figure: 'project_page.large_ms (DOMContentLoaded)',
            value: `${r['project_page.large_ms']} ms = ${r['project_page.ratio']}× (${r['project_page.articles'].toLocaleString('en-US')} articles, first page of 100)`,
            yardstick: `the same page of a 5-article project: ${r['project_page.small_ms']} ms`,
            goal: '',
          },
        ]),
  ];
}

export const reader: Benchmark = { name: 'reader', run, rows };
