import fs from 'node:fs';
import path from 'node:path';
import { isValidElement, type ReactElement } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// Every page and every server action × every kind of caller, the way
// e2e/authorization-matrix.spec.ts walks the route handlers. Pages are server
// components: calling one runs its checks and data loads and returns the
// element tree, without rendering the client components in it. The caller is
// stubbed (test/stub-caller.ts); sign-in and sign-out run the real next-auth
// against a cookie jar that stands in for the request.

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'integration-secret-not-for-production-0000';
});
const request = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock('next/headers', async (original) => ({
  ...(await original<typeof import('next/headers')>()),
  headers: async () => {
    const cookie = [...request.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Headers({ host: 'localhost:3000', 'x-forwarded-proto': 'http', ...(cookie && { cookie }) });
  },
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.cookies.has(name),
    set: (name: string, value: string, options?: { maxAge?: number; expires?: Date }) => {
      const expired = options?.maxAge === 0 || (options?.expires !== undefined && new Date(options.expires).getTime() <= Date.now());
      if (expired || value === '') request.cookies.delete(name);
      else request.cookies.set(name, value);
    },
    delete: (name: string) => request.cookies.delete(name),
  }),
}));
// revalidatePath needs Next's request store; the test checks that it was asked for.
vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), revalidatePath: vi.fn() }));
vi.mock('@/lib/auth/caller', () => import('../stub-caller'));

import { revalidatePath } from 'next/cache';
import { auth } from '../stub-caller';
import { as } from '../app-error';
import { addMember, makeArticle, makeProject, makeTeam, makeUser, testDb, TEST_PASSWORD } from '../factories';
import { AppError } from '@/lib/errors';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { createLink } from '@/lib/links/create-link';
import { createClaim } from '@/lib/claims/create-claim';
import { loadSpanContextAction } from '@/lib/articles/actions';
import { loginAction, logoutAction } from '@/lib/auth/actions';
import { renameClaimAction } from '@/lib/claims/actions';
import { createProjectAction, updateProjectSettingsAction, type CreateProjectState } from '@/lib/projects/actions';
import { createTokenAction, revokeTokenAction, type CreateTokenState, type RevokeTokenState } from '@/lib/tokens/actions';
import { createToken } from '@/lib/tokens/manage-tokens';
import { can, type ProjectRole } from '@/lib/auth/can';
import { ArticleReader } from '@/components/article/article-reader';
import { ImportDropZone } from '@/components/import-drop-zone';
import { IndependentAnnotationForm } from '@/components/review/independent-annotation-form';
import { MembersEditor } from '@/components/members/members-editor';
import { RenameClaimForm } from '@/app/(workbench)/claims/[claimId]/rename-claim-form';
import { DeleteClaimButton } from '@/app/(workbench)/claims/[claimId]/delete-claim-button';

type Role = 'anonymous' | 'outsider' | 'analyst' | 'reviewer' | 'admin';
const ROLES: Role[] = ['anonymous', 'outsider', 'analyst', 'reviewer', 'admin'];
const MEMBERS: Role[] = ['analyst', 'reviewer', 'admin'];
const ROOT = path.resolve(__dirname, '../..');
const TEXT = 'Albania cut ties with Iran. Tehran denied the accusation.';
const MISSING = 'no-such-id';

// ---------------------------------------------------------------------------
// Data: project A (admin, analyst, second analyst, reviewer) with an article,
// two spans by two analysts, a link, a claim and an orphaned span; project B
// with the outsider, an analyst there and nowhere else.

async function makeFixture() {
  const team = await makeTeam(TEXT);
  const article = await makeArticle(team.project.id, { text: TEXT, title: 'Albania cuts ties', outlet: 'Tirana Times' });
  const x = await createAnnotation(as(team.analyst2), article.id, { start: 0, end: 7, label: 'assertion' });
  const y = await createAnnotation(as(team.analyst), article.id, { start: 28, end: 34, label: 'denial' });
  await createLink(as(team.analyst2), { fromAnnotationId: y.id, toAnnotationId: x.id, kind: 'contradicts' });
  const claim = await createClaim(as(team.analyst2), { projectId: team.project.id, text: 'Albania broke with Iran', annotationId: x.id });
  // An orphan as a revision leaves it: selectors of an older text, never drawn.
  await testDb().annotation.create({
    data: { articleId: article.id, authorId: team.analyst.id, label: 'EVIDENCE', start: 0, end: 12, exact: 'Orphaned bit', prefix: '', suffix: '', textHash: 'old', orphaned: true },
  });
  const callers = { anonymous: null, outsider: as(team.outsider), analyst: as(team.analyst), reviewer: as(team.reviewer), admin: as(team.admin) };
  // A token of each user's own, named after their role: each may see only theirs.
  for (const [role, user] of [['outsider', team.outsider], ['analyst', team.analyst], ['reviewer', team.reviewer], ['admin', team.admin]] as const) {
    await createToken(user.id, `Token of the ${role}`);
  }
  return { ...team, article, spanId: x.id, claimId: claim.id, claimText: claim.text, callers };
}
type Fixture = Awaited<ReturnType<typeof makeFixture>>;

/** What a user could observe of a project: its settings, spans, links, claims, its audit trail, and every session and API token. */
async function snapshot(projectId: string) {
  const db = testDb();
  const byId = { orderBy: { id: 'asc' as const } };
  return Promise.all([
    db.project.findUnique({ where: { id: projectId } }),
    db.claim.findMany({ where: { projectId }, select: { id: true, text: true, verdict: true, version: true }, ...byId }),
    db.annotation.findMany({ where: { article: { projectId } }, select: { id: true, version: true, status: true, note: true, claimId: true }, ...byId }),
    db.link.findMany({ where: { projectId }, select: { id: true, status: true, version: true }, ...byId }),
    db.auditEvent.count({ where: { projectId } }),
    db.userSession.findMany({ select: { id: true, revokedAt: true }, ...byId }),
    db.apiToken.findMany({ select: { id: true, revokedAt: true }, ...byId }),
  ]);
}

// ---------------------------------------------------------------------------
// Reading what Next would do: notFound() and redirect() throw errors whose
// digest says what to send ("NEXT_HTTP_ERROR_FALLBACK;404",
// "NEXT_REDIRECT;replace;<url>;307;": next/dist/client/components/redirect-error.js
// and http-access-fallback/http-access-fallback.js).

type Outcome = { kind: 'page'; tree: ReactElement } | { kind: 'redirect'; to: string } | { kind: 'status'; status: number };

async function settle(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const tree = await run();
    if (!isValidElement(tree)) throw new Error(`not a React element: ${String(tree)}`);
    return { kind: 'page', tree };
  } catch (e) {
    const digest = (e as { digest?: unknown } | null)?.digest;
    if (typeof digest !== 'string') throw e;
    const [code, ...rest] = digest.split(';');
    if (code === 'NEXT_REDIRECT') return { kind: 'redirect', to: rest.slice(1, -2).join(';') };
    if (code === 'NEXT_HTTP_ERROR_FALLBACK') return { kind: 'status', status: Number(rest[0]) };
    throw e;
  }
}

const show = (o: Outcome) => (o.kind === 'page' ? 'page' : o.kind === 'redirect' ? `redirect ${o.to}` : `status ${o.status}`);

/** Every element in a tree built by a server component (client components are leaves: their props, not their output). */
function elements(node: unknown, out: ReactElement[] = []): ReactElement[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (isValidElement(node)) {
    out.push(node);
    for (const value of Object.values(node.props as object)) elements(value, out);
  }
  return out;
}

/** Every string the tree carries, in text and in props (a client component gets its data as props). */
function strings(node: unknown, out: string[] = [], seen = new Set<object>()): string[] {
  if (typeof node === 'string' || typeof node === 'number') out.push(String(node));
  else if (node && typeof node === 'object' && !seen.has(node)) {
    seen.add(node);
    const values = isValidElement(node) ? Object.values(node.props as object) : Array.isArray(node) ? node : Object.values(node);
    for (const v of values) strings(v, out, seen);
  }
  return out;
}
const shows = (tree: ReactElement, text: string) => strings(tree).some((s) => s.includes(text));
const hasLink = (tree: ReactElement, href: string) => elements(tree).some((e) => (e.props as { href?: unknown }).href === href);

// ---------------------------------------------------------------------------
// Pages. A row per route; `page` means the page is drawn (with `marker`, the
// object it is about), `404` answers like a missing id, `sign in` redirects to
// /login?next=<the page>. Controls a role must (and must not) get are listed
// with the roles that get them.

type PageExpect = 'page' | '404' | 'sign in' | { redirect: string };
type PageRow = {
  params: (f: Fixture) => Record<string, string>;
  searchParams?: Record<string, string>;
  expect: Record<Role, PageExpect>;
  /** Shown to every role that gets the page. */
  marker: (f: Fixture, role: Role) => string;
  /** Not shown to that role. */
  hidden?: (f: Fixture, role: Role) => string | null;
  controls?: Record<string, { roles: Role[]; present: (tree: ReactElement, f: Fixture) => boolean }>;
};

/** The roles each ArticleReader in a page's tree was given. */
const readerRoles = (t: ReactElement) => elements(t).filter((e) => e.type === ArticleReader).map((e) => (e.props as { roles: ProjectRole[] }).roles);

const members = (expect: PageExpect = 'page'): Record<Role, PageExpect> => ({ anonymous: 'sign in', outsider: '404', analyst: expect, reviewer: expect, admin: expect });
const none = () => ({});

const PAGES: Record<string, PageRow> = {
  '/login': {
    params: none,
    expect: { anonymous: 'page', outsider: { redirect: '/' }, analyst: { redirect: '/' }, reviewer: { redirect: '/' }, admin: { redirect: '/' } },
    marker: () => 'Sign in to Crosscheck',
  },
  '/': {
    params: none,
    // Everyone signed in gets the list of their own projects, the outsider theirs only.
    expect: { anonymous: 'sign in', outsider: 'page', analyst: 'page', reviewer: 'page', admin: 'page' },
    marker: (f, role) => (role === 'outsider' ? f.otherProject.name : f.project.name),
    hidden: (f, role) => (role === 'outsider' ? f.project.name : f.otherProject.name),
  },
  '/projects/[projectId]': {
    params: (f) => ({ projectId: f.project.id }),
    expect: members(),
    marker: () => 'Albania cuts ties',
    controls: {
      'import drop zone': { roles: ['analyst', 'admin'], present: (t) => elements(t).some((e) => e.type === ImportDropZone) },
      'review queue link': { roles: ['reviewer', 'admin'], present: (t, f) => hasLink(t, `/projects/${f.project.id}/review`) },
      'agreement link': { roles: ['reviewer', 'admin'], present: (t, f) => hasLink(t, `/projects/${f.project.id}/agreement`) },
      'settings form': { roles: ['admin'], present: (t) => elements(t).some((e) => e.type === IndependentAnnotationForm) },
    },
  },
  '/projects/[projectId]/activity': { params: (f) => ({ projectId: f.project.id }), expect: members(), marker: () => '“Albania”' },
  '/projects/[projectId]/matrix': { params: (f) => ({ projectId: f.project.id }), expect: members(), marker: (f) => f.claimText },
  '/projects/[projectId]/orphans': { params: (f) => ({ projectId: f.project.id }), expect: members(), marker: () => 'Orphaned bit' },
  '/projects/[projectId]/members': {
    params: (f) => ({ projectId: f.project.id }),
    expect: members(),
    marker: () => 'Analyst Two',
    controls: {
      // Every member sees who is in the project; only admins get the role boxes, Remove and Add.
      'member management': { roles: ['admin'], present: (t) => elements(t).some((e) => e.type === MembersEditor && (e.props as { canManage: boolean }).canManage) },
    },
  },
  '/projects/[projectId]/search': {
    params: (f) => ({ projectId: f.project.id }),
    searchParams: { q: 'Tehran' },
    expect: members(),
    marker: () => 'Tehran denied the accusation.',
  },
  // Review and agreement are for reviewers and admins; an analyst is not shown
  // the links and gets the 404 page, as the page's data load is refused.
  '/projects/[projectId]/review': {
    params: (f) => ({ projectId: f.project.id }),
    expect: { ...members(), analyst: '404' },
    marker: () => 'Tehran', // the second analyst's pending span
  },
  '/projects/[projectId]/agreement': {
    params: (f) => ({ projectId: f.project.id }),
    expect: { ...members(), analyst: '404' },
    marker: () => 'Analyst Two',
  },
  '/articles/[articleId]': {
    params: (f) => ({ articleId: f.article.id }),
    expect: members(),
    marker: () => 'Albania cuts ties',
    controls: {
      // The reader is given the caller's roles and shows what lib/auth/can.ts allows them.
      tagging: { roles: ['analyst', 'admin'], present: (t) => readerRoles(t).some((r) => can.annotate(r)) },
      'compare link': { roles: ['reviewer', 'admin'], present: (t, f) => hasLink(t, `/articles/${f.article.id}/compare`) },
      'review controls': { roles: ['reviewer', 'admin'], present: (t) => readerRoles(t).some((r) => can.review(r)) },
      'edit of anyone’s span': { roles: ['admin'], present: (t) => readerRoles(t).some((r) => can.changeSpan(r, 'someone else', 'me')) },
    },
  },
  // Comparing two analysts' work is a review task, like the queue.
  '/articles/[articleId]/compare': {
    params: (f) => ({ articleId: f.article.id }),
    expect: { ...members(), analyst: '404' },
    marker: () => 'Albania cuts ties',
  },
  '/articles/[articleId]/revisions': { params: (f) => ({ articleId: f.article.id }), expect: members(), marker: () => 'Albania cuts ties' },
  // Every signed-in user manages their own tokens, whatever their projects.
  '/account/tokens': {
    params: none,
    expect: { anonymous: 'sign in', outsider: 'page', analyst: 'page', reviewer: 'page', admin: 'page' },
    marker: (_, role) => `Token of the ${role}`,
    hidden: (_, role) => (role === 'admin' ? 'Token of the analyst' : 'Token of the admin'),
  },
  '/claims/[claimId]': {
    params: (f) => ({ claimId: f.claimId }),
    expect: members(),
    marker: (f) => f.claimText,
    controls: {
      'rename form': { roles: ['analyst', 'admin'], present: (t) => elements(t).some((e) => e.type === RenameClaimForm) },
      'delete button': { roles: ['analyst', 'admin'], present: (t) => elements(t).some((e) => e.type === DeleteClaimButton) },
    },
  },
};

/** app/**\/page.tsx → its URL pattern: route groups "(x)" add nothing to the path. */
function pageFiles(): Map<string, string> {
  const files = fs.readdirSync(path.join(ROOT, 'app'), { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'page.tsx');
  return new Map(
    files.map((f) => {
      const segments = path.dirname(f).split(path.sep).filter((s) => s !== '.' && !/^\(.*\)$/.test(s));
      return [`/${segments.join('/')}`, path.join(ROOT, 'app', f)];
    }),
  );
}

const urlOf = (route: string, params: Record<string, string>) => route.replace(/\[(\w+)\]/g, (_, k: string) => params[k]);

type Page = (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

async function loadPage(file: string): Promise<Page> {
  return (await import(/* @vite-ignore */ file)).default as Page;
}

describe('pages × callers', () => {
  let f: Fixture;
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    f = await makeFixture();
    before = await snapshot(f.project.id);
  });

  it('every page under app/ has a row, and every row a page', () => {
    expect([...pageFiles().keys()].sort()).toEqual(Object.keys(PAGES).sort());
  });

  it.each(Object.keys(PAGES))('%s', async (route) => {
    const row = PAGES[route];
    const page = await loadPage(pageFiles().get(route)!);
    const params = row.params(f);
    const wrong: string[] = [];
    for (const role of ROLES) {
      auth.caller = f.callers[role];
      const got = await settle(() => page({ params: Promise.resolve(params), searchParams: Promise.resolve(row.searchParams ?? {}) }));
      const want = row.expect[role];
      const wanted: string =
        want === 'page' ? 'page' : want === '404' ? 'status 404' : want === 'sign in' ? `redirect /login?next=${encodeURIComponent(urlOf(route, params))}` : `redirect ${want.redirect}`;
      if (show(got) !== wanted) {
        wrong.push(`${role}: got ${show(got)}, want ${wanted}`);
        continue;
      }
      if (got.kind !== 'page') continue;
      if (!shows(got.tree, row.marker(f, role))) wrong.push(`${role}: the page does not show “${row.marker(f, role)}”`);
      const hidden = row.hidden?.(f, role);
      if (hidden && shows(got.tree, hidden)) wrong.push(`${role}: the page shows “${hidden}”`);
      for (const [name, control] of Object.entries(row.controls ?? {})) {
        const present = control.present(got.tree, f);
        if (present !== control.roles.includes(role)) wrong.push(`${role}: ${name} ${present ? 'shown' : 'missing'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an id that does not exist answers 404, exactly as another project’s id does', async () => {
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(PAGES)) {
      const params = Object.fromEntries(Object.keys(row.params(f)).map((k) => [k, MISSING]));
      if (Object.keys(params).length === 0) continue;
      const page = await loadPage(pageFiles().get(route)!);
      for (const role of MEMBERS) {
        auth.caller = f.callers[role];
        const got = show(await settle(() => page({ params: Promise.resolve(params), searchParams: Promise.resolve(row.searchParams ?? {}) })));
        if (got !== 'status 404') wrong.push(`${route} as ${role}: got ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a page title names its object only to callers who may see it; others get the generic title', async () => {
    const titled: Record<string, { params: Record<string, string>; title: string; generic: string }> = {
      '/projects/[projectId]': { params: { projectId: f.project.id }, title: `${f.project.name} · Articles`, generic: 'Articles' },
      '/articles/[articleId]': { params: { articleId: f.article.id }, title: 'Albania cuts ties · Tirana Times', generic: 'Article' },
      '/claims/[claimId]': { params: { claimId: f.claimId }, title: `Claim: ${f.claimText}`, generic: 'Claim' },
      '/articles/[articleId]/revisions': { params: { articleId: f.article.id }, title: 'Revisions · Albania cuts ties', generic: 'Revisions' },
    };
    const withMetadata = [...pageFiles()].filter(([, file]) => fs.readFileSync(file, 'utf8').includes('export async function generateMetadata'));
    expect(withMetadata.map(([route]) => route).sort()).toEqual(Object.keys(titled).sort());
    const wrong: string[] = [];
    for (const [route, file] of withMetadata) {
      const { generateMetadata } = (await import(/* @vite-ignore */ file)) as { generateMetadata: (p: { params: Promise<Record<string, string>> }) => Promise<{ title: string }> };
      const row = titled[route];
      for (const role of ROLES) {
        auth.caller = f.callers[role];
        const want = MEMBERS.includes(role) ? row.title : row.generic;
        const { title } = await generateMetadata({ params: Promise.resolve(row.params) });
        if (title !== want) wrong.push(`${route} as ${role}: “${title}”, want “${want}”`);
      }
      auth.caller = f.callers.admin;
      const missing = await generateMetadata({ params: Promise.resolve(Object.fromEntries(Object.keys(row.params).map((k) => [k, MISSING]))) });
      if (missing.title !== row.generic) wrong.push(`${route}, missing id: “${missing.title}”`);
    }
    expect(wrong).toEqual([]);
  });

  it('a query value PostgreSQL cannot take (U+0000, a lone surrogate) never makes a page fail', async () => {
    // Every query key a page reads, one at a time, so that each reaches the schema that accepts it.
    const keys = ['q', 'status', 'label', 'authorId', 'articleId', 'outlet', 'action', 'a', 'b', 'revision', 'sort', 'limit', 'next', 'spans', 'page', 'perPage', 'beforeEvent', 'actorId'];
    const wrong: string[] = [];
    auth.caller = f.callers.admin;
    for (const [route, row] of Object.entries(PAGES)) {
      const page = await loadPage(pageFiles().get(route)!);
      for (const key of keys) {
        for (const value of ['Iran\u0000', '\ud800']) {
          const got = await settle(() => page({ params: Promise.resolve(row.params(f)), searchParams: Promise.resolve({ [key]: value }) })).catch((e: Error) => e);
          if (got instanceof Error) wrong.push(`${route}?${key}=${JSON.stringify(value)}: ${got.message.split('\n')[0]}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('showing pages changes nothing', async () => {
    expect(await snapshot(f.project.id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------
// Server actions. Each is its own POST endpoint, so each must check the caller
// itself. A row per action (and case): `call` acts on fresh objects of
// project A (or on an id that does not exist), `read` says what the answer
// means. Refusals must change nothing; the outsider must get exactly what a
// missing id gets.

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };
/** Ids of what `prepare` made; `projectId`, if there, is the project whose database state is compared. */
type Made = Record<string, string>;
type ActionRow = {
  action: string;
  /** Fresh objects for one call, made before the database is compared. */
  prepare?: (f: Fixture) => Promise<Made>;
  call: (f: Fixture, made: Made, target: 'real' | 'missing') => Promise<unknown>;
  read: (s: Settled, f: Fixture) => string;
  expect: Record<Role, string>;
  /** What succeeding must have done. */
  effect?: (f: Fixture, made: Made) => Promise<void>;
};

const REFUSALS = ['unauthorized', 'not found', 'forbidden', 'refused'];
const refusal = (s: Settled) => (!s.ok && s.error instanceof AppError ? s.error.code.toLowerCase().replace('_', ' ') : String(!s.ok && s.error));
const redirectOf = (s: Settled) => {
  const digest = !s.ok && (s.error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT;') ? new URL(digest.split(';').slice(2, -2).join(';'), 'http://x').pathname : null;
};
/** What a client could tell apart: the value, or the error's code and message. */
const visible = (s: Settled) => (s.ok ? s.value : s.error instanceof AppError ? { code: s.error.code, message: s.error.message } : String(s.error));
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
/** next-auth's session cookie is in the jar. */
const signedIn = () => [...request.cookies.keys()].some((k) => k.endsWith('authjs.session-token'));
/** A refused sign-in is logged (next-auth and lib/auth/sign-in-throttle.ts); expected here, so kept out of the output. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const spies = [vi.spyOn(console, 'error').mockImplementation(() => {}), vi.spyOn(console, 'warn').mockImplementation(() => {})];
  try {
    return await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
const unexpected = (s: Settled) => (s.ok ? JSON.stringify(s.value) : String(s.error));

const ACTIONS: ActionRow[] = [
  {
    action: 'lib/articles/actions.ts#loadSpanContextAction',
    call: (f, _, target) => loadSpanContextAction(target === 'real' ? f.article.id : MISSING),
    read: (s, f) => {
      if (!s.ok) return refusal(s);
      const ctx = s.value as { linkCounts: Record<string, number>; claimIds: Record<string, string> } | null;
      if (ctx && ctx.claimIds[f.spanId] === f.claimId && ctx.linkCounts[f.spanId] === 1) return 'ok';
      // An article the caller cannot see has no spans, like one that does not exist.
      return JSON.stringify(ctx) === JSON.stringify({ linkCounts: {}, claimIds: {} }) ? 'not found' : unexpected(s);
    },
    expect: { anonymous: 'unauthorized', outsider: 'not found', analyst: 'ok', reviewer: 'ok', admin: 'ok' },
  },
  {
    action: 'lib/claims/actions.ts#renameClaimAction',
    prepare: async (f) => {
      const claim = await testDb().claim.create({ data: { projectId: f.project.id, text: 'Iran did it', authorId: f.analyst2.id }, select: { id: true } });
      return { claimId: claim.id };
    },
    call: (_, made, target) => renameClaimAction({}, form({ claimId: target === 'real' ? made.claimId : MISSING, text: 'Iran was behind it', verdict: 'False', version: '1' })),
    read: (s) => {
      if (!s.ok) return unexpected(s);
      const state = s.value as { error?: string; saved?: unknown };
      if (state.saved) return 'ok';
      if (/^Sign in/.test(state.error ?? '')) return 'unauthorized';
      if (/not found/i.test(state.error ?? '')) return 'not found';
      if (/^Only /.test(state.error ?? '')) return 'forbidden';
      return unexpected(s);
    },
    expect: { anonymous: 'unauthorized', outsider: 'not found', analyst: 'ok', reviewer: 'forbidden', admin: 'ok' },
    effect: async (_, made) => {
      const claim = await testDb().claim.findUniqueOrThrow({ where: { id: made.claimId }, select: { text: true, verdict: true, version: true } });
      expect(claim).toEqual({ text: 'Iran was behind it', verdict: 'False', version: 2 });
      // The claim page shows the new wording on its next render.
      expect(revalidatePath).toHaveBeenCalledWith(`/claims/${made.claimId}`);
    },
  },
  {
    action: 'lib/projects/actions.ts#updateProjectSettingsAction',
    // A project of its own per call: turning independent annotation on would change what the other rows see.
    prepare: async (f) => {
      const project = await makeProject();
      await addMember(f.admin.id, project.id, 'ADMIN');
      await addMember(f.analyst.id, project.id, 'ANALYST');
      await addMember(f.reviewer.id, project.id, 'REVIEWER');
      return { projectId: project.id };
    },
    call: (_, made, target) => updateProjectSettingsAction({}, form({ projectId: target === 'real' ? made.projectId : MISSING, independentAnnotation: 'on' })),
    read: (s) => {
      if (!s.ok) return unexpected(s);
      const state = s.value as { error?: string; independentAnnotation?: boolean };
      if (state.independentAnnotation === true) return 'ok';
      if (/^Sign in/.test(state.error ?? '')) return 'unauthorized';
      if (/not found/i.test(state.error ?? '')) return 'not found';
      if (/^Only /.test(state.error ?? '')) return 'forbidden';
      return unexpected(s);
    },
    expect: { anonymous: 'unauthorized', outsider: 'not found', analyst: 'forbidden', reviewer: 'forbidden', admin: 'ok' },
    effect: async (f, made) => {
      const project = await testDb().project.findUniqueOrThrow({ where: { id: made.projectId }, select: { independentAnnotation: true } });
      expect(project.independentAnnotation).toBe(true);
      expect(await testDb().auditEvent.count({ where: { projectId: made.projectId, action: 'project.update', actorId: f.admin.id } })).toBe(1);
      expect(revalidatePath).toHaveBeenCalledWith(`/projects/${made.projectId}`);
    },
  },
  // Anyone signed in may start a project, and holds every role in it.
  {
    action: 'lib/projects/actions.ts#createProjectAction',
    prepare: async () => ({ name: `New project ${Math.random()}` }),
    call: (_, made) => createProjectAction({}, form({ name: made.name, description: 'Our corpus' })),
    read: (s) => {
      if (s.ok && /^Sign in/.test((s.value as CreateProjectState).error ?? '')) return 'unauthorized';
      return redirectOf(s)?.startsWith('/projects/') ? 'ok' : unexpected(s);
    },
    expect: { anonymous: 'unauthorized', outsider: 'ok', analyst: 'ok', reviewer: 'ok', admin: 'ok' },
    effect: async (_, made) => {
      const project = await testDb().project.findUniqueOrThrow({ where: { name: made.name }, select: { id: true, description: true, memberships: { select: { userId: true, role: true } } } });
      expect(project.description).toBe('Our corpus');
      expect(project.memberships.map((m) => [m.userId, m.role]).sort()).toEqual([[auth.caller!.id, 'ADMIN'], [auth.caller!.id, 'ANALYST'], [auth.caller!.id, 'REVIEWER']]);
      expect(await testDb().auditEvent.count({ where: { projectId: project.id, action: 'project.create', actorId: auth.caller!.id } })).toBe(1);
    },
  },
  // Tokens are each user's own: anyone signed in creates theirs; revoking
  // someone else's reads as a token that does not exist, admins included.
  {
    action: 'lib/tokens/actions.ts#createTokenAction',
    prepare: async () => ({ name: `ci ${Math.random()}` }),
    call: (_, made) => createTokenAction({}, form({ name: made.name })),
    read: (s) => {
      if (!s.ok) return unexpected(s);
      const state = s.value as CreateTokenState;
      if (state.created?.token.startsWith('cc_')) return 'ok';
      if (/^Sign in/.test(state.error ?? '')) return 'unauthorized';
      return unexpected(s);
    },
    expect: { anonymous: 'unauthorized', outsider: 'ok', analyst: 'ok', reviewer: 'ok', admin: 'ok' },
    effect: async (_, made) => {
      const rows = await testDb().apiToken.findMany({ where: { name: made.name }, select: { userId: true, revokedAt: true } });
      expect(rows).toEqual([{ userId: auth.caller!.id, revokedAt: null }]);
      expect(revalidatePath).toHaveBeenCalledWith('/account/tokens');
    },
  },
  {
    action: 'lib/tokens/actions.ts#revokeTokenAction',
    prepare: async (f) => ({ tokenId: (await createToken(f.analyst.id, 'to revoke')).info.id }),
    call: (_, made, target) => revokeTokenAction({}, form({ tokenId: target === 'real' ? made.tokenId : MISSING })),
    read: (s) => {
      if (!s.ok) return unexpected(s);
      const state = s.value as RevokeTokenState;
      if (state.revoked) return 'ok';
      if (/^Sign in/.test(state.error ?? '')) return 'unauthorized';
      if (/not found/i.test(state.error ?? '')) return 'not found';
      return unexpected(s);
    },
    expect: { anonymous: 'unauthorized', outsider: 'not found', analyst: 'ok', reviewer: 'not found', admin: 'not found' },
    effect: async (_, made) => {
      const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: made.tokenId }, select: { revokedAt: true } });
      expect(row.revokedAt).not.toBeNull();
    },
  },
  // Signing in and out are open to everyone and act only on the credentials
  // and the cookie they are given, never on who the caller already is.
  {
    action: 'lib/auth/actions.ts#loginAction',
    prepare: async () => ({ email: (await makeUser()).email }),
    call: (_, made) => loginAction({}, form({ email: made.email, password: TEST_PASSWORD, next: '/projects/p1' })),
    read: (s) => (redirectOf(s) === '/projects/p1' && signedIn() ? 'signed in' : unexpected(s)),
    expect: { anonymous: 'signed in', outsider: 'signed in', analyst: 'signed in', reviewer: 'signed in', admin: 'signed in' },
    effect: async (_, made) => {
      expect(await testDb().userSession.count({ where: { user: { email: made.email }, revokedAt: null } })).toBe(1);
    },
  },
  {
    action: 'lib/auth/actions.ts#loginAction',
    prepare: async () => ({ email: (await makeUser()).email }),
    call: (_, made) => quietly(() => loginAction({}, form({ email: made.email, password: 'not-the-password', next: '/' }))),
    read: (s) => (s.ok && (s.value as { error?: string }).error === 'Wrong email or password.' && !signedIn() ? 'refused' : unexpected(s)),
    expect: { anonymous: 'refused', outsider: 'refused', analyst: 'refused', reviewer: 'refused', admin: 'refused' },
  },
  {
    action: 'lib/auth/actions.ts#logoutAction',
    prepare: async () => {
      const user = await makeUser();
      const s = await settled(loginAction({}, form({ email: user.email, password: TEST_PASSWORD })));
      if (redirectOf(s) !== '/' || !signedIn()) throw new Error(`sign-in before sign-out failed: ${unexpected(s)}`);
      return { userId: user.id };
    },
    call: () => logoutAction(),
    read: (s) => (redirectOf(s) === '/login' && !signedIn() ? 'signed out' : unexpected(s)),
    expect: { anonymous: 'signed out', outsider: 'signed out', analyst: 'signed out', reviewer: 'signed out', admin: 'signed out' },
    effect: async (_, made) => {
      // Revoked server-side: a copy of the cookie kept elsewhere is refused too.
      expect(await testDb().userSession.count({ where: { userId: made.userId, revokedAt: null } })).toBe(0);
    },
  },
];

function settled(p: Promise<unknown>): Promise<Settled> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error) => ({ ok: false as const, error }),
  );
}

/** Files whose exports are server actions; an inline 'use server' inside a function would escape this test, so it fails it. */
async function actionExports(): Promise<string[]> {
  const sources = ['app', 'lib', 'components'].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => path.join(dir, f)),
  );
  const found: string[] = [];
  for (const file of sources) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    if (!/(['"])use server\1/.test(text)) continue;
    const name = file.split(path.sep).join('/');
    if (!/^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*(['"])use server\2/.test(text)) {
      found.push(`${name}: 'use server' inside a function (inline actions are not in this matrix)`);
      continue;
    }
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    found.push(...Object.keys(mod).filter((k) => typeof mod[k] === 'function').map((k) => `${name}#${k}`));
  }
  return found;
}

describe('server actions × callers', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });

  it('every exported server action has a row, and every row an action', async () => {
    expect((await actionExports()).sort()).toEqual([...new Set(ACTIONS.map((r) => r.action))].sort());
  });

  it.each(ACTIONS.map((row) => [`${row.action}: ${Object.values(row.expect).join(', ')}`, row] as const))('%s', async (_, row) => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      request.cookies.clear();
      vi.mocked(revalidatePath).mockClear();
      auth.caller = f.callers[role];
      const made = (await row.prepare?.(f)) ?? {};
      const watched = made.projectId ?? f.project.id;
      const before = await snapshot(watched);
      const answer = await settled(row.call(f, made, 'real'));
      const got = row.read(answer, f);
      if (got !== row.expect[role]) {
        wrong.push(`${role}: got ${got}, want ${row.expect[role]}`);
        continue;
      }
      if (REFUSALS.includes(got)) {
        if (JSON.stringify(await snapshot(watched)) !== JSON.stringify(before)) wrong.push(`${role}: refused, but the database changed`);
        if (vi.mocked(revalidatePath).mock.calls.length > 0) wrong.push(`${role}: refused, but a page was revalidated`);
      } else await row.effect?.(f, made);
      if (got === 'not found') {
        // Another project's id must be indistinguishable from one that does not exist.
        const missing = await settled(row.call(f, made, 'missing'));
        if (JSON.stringify(visible(missing)) !== JSON.stringify(visible(answer))) {
          wrong.push(`${role}: another project's id answers ${JSON.stringify(visible(answer))}, a missing id ${JSON.stringify(visible(missing))}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
