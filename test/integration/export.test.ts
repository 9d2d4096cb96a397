import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { writeExport } from '@/lib/export/write-export';
import { exportQuery } from '@/lib/export/schema';
import { AppError } from '@/lib/errors';
import { mustValidator } from '../w3c-validator';
import { makeTeam, testDb } from '../factories';

const TEXT = 'PM Edi Rama 🇦🇱 said: “Iran 👩‍💻 orchestrated it.”\nTehran denied it. Cafe\u0301 talk.';

async function collect(userId: string, projectId: string, q: Record<string, string>) {
  const { chunks, mediaType, fileName } = await writeExport({ userId }, projectId, exportQuery.parse(q), 'https://cc.example.org');
  let out = '';
  for await (const c of chunks) out += c;
  return { out, mediaType, fileName };
}

async function setup() {
  const team = await makeTeam(TEXT);
  const text = (await testDb().article.findUniqueOrThrow({ where: { id: team.article.id } })).text;
  const range = (needle: string) => {
    const unit = text.indexOf(needle);
    const start = Array.from(text.slice(0, unit)).length;
    return { start, end: start + Array.from(needle).length };
  };
  const caller = { ...team.analyst, via: 'token' as const };
  const a = await createAnnotation(caller, team.article.id, { ...range('Iran 👩‍💻 orchestrated it.'), label: 'assertion', speaker: 'Edi Rama' });
  const d = await createAnnotation(caller, team.article.id, { ...range('Tehran denied it'), label: 'denial', note: 'state TV' });
  const e = await createAnnotation(caller, team.article.id, { ...range('Café talk'), label: 'evidence' });
  await testDb().annotation.updateMany({ where: { id: { in: [a.id, d.id] } }, data: { status: 'APPROVED' } });
  await testDb().link.create({ data: { projectId: team.project.id, fromAnnotationId: d.id, toAnnotationId: a.id, kind: 'CONTRADICTS', authorId: team.analyst.id, status: 'APPROVED' } });
  return { team, text, a, d, e };
}

describe('export', () => {
  it('W3C: approved spans and links only by default, passing the W3C MUST assertions', async () => {
    const { team, a, d } = await setup();
    const { out, mediaType } = await collect(team.reviewer.id, team.project.id, { format: 'w3c' });
    expect(mediaType).toContain('application/ld+json');
    const doc = JSON.parse(out);
    expect(doc.total).toBe(3);
    const items = doc.first.items;
    const tagged = items.filter((i: { motivation: string }) => i.motivation === 'tagging');
    expect(tagged.map((i: { id: string }) => i.id.split('/').pop()).sort()).toEqual([a.id, d.id].sort());
    expect(items.filter((i: { motivation: string }) => i.motivation === 'linking')).toHaveLength(1);
    const annotationMusts = mustValidator('annotations/annotationMusts.test');
    for (const item of items) expect(annotationMusts(item)).toEqual([]);
    expect(mustValidator('collections/collectionMusts.test')(doc)).toEqual([]);
    const all = JSON.parse((await collect(team.reviewer.id, team.project.id, { format: 'w3c', status: 'all' })).out);
    expect(all.total).toBe(4);
  });

  it('JSONL: one article per line with code-point offsets, in doccano relation field names', async () => {
    const { team, text, a, d } = await setup();
    const { out } = await collect(team.analyst.id, team.project.id, { format: 'jsonl', status: 'all' });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line.text).toBe(text);
    const cps = Array.from(line.text as string);
    for (const ent of line.entities) expect(cps.slice(ent.start_offset, ent.end_offset).join('')).toBe(ent.text);
    expect(line.entities.map((e: { text: string }) => e.text)).toEqual(['Iran 👩‍💻 orchestrated it.', 'Tehran denied it', 'Café talk']);
    expect(line.relations).toEqual([expect.objectContaining({ from_id: d.id, to_id: a.id, type: 'contradicts' })]);
  });

  it('CSV: one row per span with tag, speaker, note, status and links', async () => {
    const { team, a, d } = await setup();
    const { out } = await collect(team.analyst.id, team.project.id, { format: 'csv', status: 'all', label: 'assertion,denial' });
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.text, r.tag, r.status])).toEqual([
      ['Iran 👩‍💻 orchestrated it.', 'assertion', 'approved'],
      ['Tehran denied it', 'denial', 'approved'],
    ]);
    expect(rows[0].speaker).toBe('Edi Rama');
    expect(rows[1].note).toBe('state TV');
    expect(rows[1].links).toBe(`contradicts:${a.id}`);
    expect(rows[0].span_id).toBe(a.id);
    void d;
  });

  it('is refused for a project the caller is not in', async () => {
    const { team } = await setup();
    await expect(collect(team.outsider.id, team.project.id, { format: 'w3c' })).rejects.toBeInstanceOf(AppError);
  });
});
