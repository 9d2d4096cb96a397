import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { deleteAnnotation } from '@/lib/annotations/delete-annotation';
import { openComparison } from '@/lib/review/open-comparison';
import { openArticleEvents } from '@/lib/live/article-events';
import { articleFields } from '@/lib/articles/article-fields';
import { reviseArticle } from '@/lib/articles/revise-article';
import { as } from '../app-error';
import { makeTeam, testDb } from '../factories';

type Change = { id: string; action: string; objectId: string };

/** Reads the stream's `change` events as they come, as EventSource would. */
function listen(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const changes: Change[] = [];
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        if (field('event') === 'change') changes.push({ id: field('id')!, ...JSON.parse(field('data')!) });
      }
    }
  })();
  /** Waits until `count` changes have arrived (the stream polls once a second). */
  const until = async (count: number, ms = 8_000) => {
    const deadline = Date.now() + ms;
    while (changes.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return changes;
  };
  return { changes, until, pump, cancel: () => reader.cancel() };
}

const aborts: AbortController[] = [];
afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
});

describe('live updates of an article', () => {
  it('sends every change once, including one whose transaction began before the last change sent', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    const abort = new AbortController();
    aborts.push(abort);
    const live = listen(await openArticleEvents(team.reviewer.id, team.article.id, null, abort.signal));

    const first = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion' });
    expect((await live.until(1)).map((c) => [c.action, c.objectId])).toEqual([['annotation.create', first.id]]);

    // A write whose transaction started 3 s ago and commits only now: its
    // event carries the transaction's start time, before the change already sent.
    const second = await createAnnotation(as(team.analyst), team.article.id, { start: 28, end: 34, label: 'denial' });
    const lateId = randomUUID();
    await testDb().$executeRaw`
      INSERT INTO "AuditEvent" (id, "projectId", "actorId", action, "objectType", "objectId", after, "createdAt")
      VALUES (${lateId}, ${team.project.id}, ${team.analyst.id}, 'annotation.update', 'annotation', ${first.id},
              ${JSON.stringify({ articleId: team.article.id })}::jsonb, now() - interval '3 seconds')`;

    const changes = await live.until(3);
    expect(changes.map((c) => c.action).sort()).toEqual(['annotation.create', 'annotation.create', 'annotation.update']);
    expect(changes.filter((c) => c.objectId === second.id)).toHaveLength(1);
    // Polls that follow send nothing again.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(live.changes).toHaveLength(3);
    // Resume ids only move forward: a reconnect never goes back past what was seen.
    const times = live.changes.map((c) => Date.parse(c.id));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    abort.abort();
    await live.pump;
  }, 30_000);

  it('under independent annotation, tells an analyst nothing of another analyst\'s spans until the article is opened', async () => {
    const team = await makeTeam('Albania cut ties with Iran. Tehran denied it.');
    await testDb().project.update({ where: { id: team.project.id }, data: { independentAnnotation: true } });
    const abort = new AbortController();
    aborts.push(abort);
    const analyst = listen(await openArticleEvents(team.analyst.id, team.article.id, null, abort.signal));
    const reviewer = listen(await openArticleEvents(team.reviewer.id, team.article.id, null, abort.signal));

    const theirs = await createAnnotation(as(team.analyst2), team.article.id, { start: 28, end: 34, label: 'denial' });
    await deleteAnnotation(as(team.analyst2), theirs.id);
    const mine = await createAnnotation(as(team.analyst), team.article.id, { start: 0, end: 7, label: 'assertion' });
    expect((await reviewer.until(3)).map((c) => c.objectId)).toEqual([theirs.id, theirs.id, mine.id]);
    // The analyst hears of their own span only: not even the id of the other one, nor its deletion.
    await analyst.until(2, 2_500);
    expect(analyst.changes.map((c) => [c.action, c.objectId])).toEqual([['annotation.create', mine.id]]);

    await openComparison(as(team.reviewer), team.article.id);
    const after = await createAnnotation(as(team.analyst2), team.article.id, { start: 8, end: 12, label: 'evidence' });
    // Once opened, the other analyst's spans are everyone's: the opening and what follows are sent.
    const deadline = Date.now() + 8_000;
    while (!analyst.changes.some((c) => c.objectId === after.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(analyst.changes.map((c) => c.action)).toContain('article.compare');
    expect(analyst.changes.map((c) => c.objectId)).toContain(after.id);
    abort.abort();
  }, 30_000);

  it('a revision names the text it brought, so a page already showing that text does not ask for a reload', async () => {
    const team = await makeTeam('Albania cut ties with Iran.');
    const abort = new AbortController();
    aborts.push(abort);
    const live = listen(await openArticleEvents(team.reviewer.id, team.article.id, null, abort.signal));
    const fields = articleFields({ title: 'Revised', text: 'Albania cut all of its ties with Iran.' });
    await testDb().$transaction((tx) => reviseArticle(tx, team.article.id, fields, team.analyst.id));
    const [change] = await live.until(1);
    expect(change).toMatchObject({ action: 'article.revise', objectId: team.article.id, textHash: fields.textHash });
  });

  it('answers 404 to a member of another project', async () => {
    const team = await makeTeam();
    await expect(openArticleEvents(team.outsider.id, team.article.id, null, new AbortController().signal)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
