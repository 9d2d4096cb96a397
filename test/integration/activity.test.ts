import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '@/lib/import/import-files';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { placeOrphan } from '@/lib/annotations/place-orphan';
import { reviewAnnotation } from '@/lib/review/review-annotation';
import { activityQuery, listActivity } from '@/lib/audit/list-events';
import { OffsetIndex } from '@/lib/anchoring/code-points';
import { as } from '../app-error';
import { makeTeam, suffix, testDb } from '../factories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-activity-'));
const SKIPPED = 'the dam inspection was skipped in 2023';
const NOT_SKIPPED = 'the dam inspection was not skipped in 2023';
const FOUND = 'cracks were found in 2021';
const DISCOVERED = 'cracks were discovered in 2021';
const ORIGINAL = `The ministry said ${SKIPPED}, after a storm. Engineers said ${FOUND} on the spillway.`;
const REVISED = `The ministry said ${NOT_SKIPPED}, after a storm. Engineers said ${DISCOVERED} on the spillway.`;

/** Code-point offsets of `quote` in `text`, as the reader sends them. */
function at(text: string, quote: string) {
  const start = new OffsetIndex(text).toCodePoint(text.indexOf(quote));
  return { start, end: start + [...quote].length };
}

async function importText(projectId: string, externalId: string, text: string, actorId: string) {
  const file = path.join(dir, `${externalId}-${suffix()}.jsonl`);
  fs.writeFileSync(file, JSON.stringify({ externalId, title: 'Dam report', outlet: 'Wire', text }));
  return importFile(projectId, file, { actorId });
}

describe('project activity', () => {
  it('quotes each span event with the words the span had at the event, not the ones a revision gave it later', async () => {
    const team = await makeTeam();
    const externalId = `dam-${suffix()}`;
    await importText(team.project.id, externalId, ORIGINAL, team.admin.id);
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: team.project.id, externalId }, select: { id: true } });
    const dam = await createAnnotation(as(team.analyst), article.id, { ...at(ORIGINAL, SKIPPED), label: 'assertion' });
    const cracks = await createAnnotation(as(team.analyst), article.id, { ...at(ORIGINAL, FOUND), label: 'evidence' });
    await reviewAnnotation(as(team.reviewer), dam.id, { decision: 'approve', version: dam.version });
    // A review as they were recorded before they kept the words: status and comment only.
    await testDb().auditEvent.create({
      data: { projectId: team.project.id, actorId: team.reviewer.id, action: 'annotation.review', objectType: 'annotation', objectId: cracks.id,
        before: { status: 'pending', version: 1 }, after: { status: 'rejected', version: 2, comment: 'Which cracks?', asAdmin: false } },
    });

    // The revision moves the dam span onto the new words and leaves the cracks span without a place; a person places it.
    expect(await importText(team.project.id, externalId, REVISED, team.admin.id)).toMatchObject({ revised: 1, orphaned: 1 });
    const moved = await testDb().annotation.findUniqueOrThrow({ where: { id: dam.id }, select: { exact: true } });
    expect(moved.exact).toBe(NOT_SKIPPED);
    const orphan = await testDb().annotation.findUniqueOrThrow({ where: { id: cracks.id }, select: { version: true } });
    await placeOrphan(as(team.analyst), cracks.id, { ...at(REVISED, DISCOVERED), version: orphan.version });

    const events = await listActivity(team.admin.id, team.project.id, activityQuery.parse({ objectType: 'annotation' }));
    const quotes = (action: string, id: string) => events.filter((e) => e.action === action && e.objectId === id).map((e) => e.span?.exact);
    expect(quotes('annotation.create', dam.id)).toEqual([SKIPPED]);
    expect(quotes('annotation.review', dam.id)).toEqual([SKIPPED]);
    expect(quotes('annotation.reanchor', dam.id)).toEqual([NOT_SKIPPED]);
    expect(quotes('annotation.create', cracks.id)).toEqual([FOUND]);
    // An old event without the words: those the span had until it next moved.
    expect(quotes('annotation.review', cracks.id)).toEqual([FOUND]);
    expect(quotes('annotation.orphan', cracks.id)).toEqual([FOUND]);
    expect(quotes('annotation.place', cracks.id)).toEqual([DISCOVERED]);
    expect(events).toHaveLength(7);
    // A review records the words it decided on from now on.
    const review = await testDb().auditEvent.findFirstOrThrow({ where: { objectId: dam.id, action: 'annotation.review' }, select: { after: true } });
    expect(review.after).toMatchObject({ status: 'approved', exact: SKIPPED });
  });
});
