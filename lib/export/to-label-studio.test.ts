import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LABEL_STUDIO_CONFIG, toLabelStudio } from './to-label-studio';
import type { ExportArticle, ExportSpan } from './types';

const at = new Date('2022-09-08T10:15:00.000Z');
const author = { id: 'u1', name: 'Ana' };
const TEXT = 'PM Edi Rama 🇦🇱 said: “Iran 👩‍💻 did it.”\nTehran denied it. Cafe\u0301 talk.';
const cps = Array.from(TEXT);

/** A span over `needle`, in code points. */
function span(id: string, needle: string, label: ExportSpan['label'], extra: Partial<ExportSpan> = {}): ExportSpan {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
  const end = start + Array.from(needle).length;
  return { id, label, start, end, exact: needle, prefix: '', suffix: '', note: null, speaker: null, status: 'approved', author, claimId: null, createdAt: at, updatedAt: at, ...extra };
}

const article = (id: string, spans: ExportSpan[], links: ExportArticle['links'] = []): ExportArticle => ({
  id, externalId: `ext-${id}`, title: `Title ${id}`, outlet: 'Wire', url: null, author: null, published: '2022-09-08', text: TEXT, textHash: 'h', spans, links,
});

const link = (id: string, fromId: string, toId: string, kind: 'corroborates' | 'contradicts', toArticle: string) => ({
  id, kind, status: 'pending' as const, fromId, toId, to: { articleId: toArticle, start: 0, end: 1, exact: 'x', prefix: '', suffix: '' }, author, createdAt: at, updatedAt: at,
});

async function exportOf(articles: ExportArticle[]) {
  let out = '';
  for await (const chunk of toLabelStudio((async function* () { yield* articles; })())) out += chunk;
  return { out, tasks: JSON.parse(out) as Task[] };
}

type Result = { id?: string; from_name?: string; to_name?: string; type: string; value?: { start: number; end: number; text?: string | string[]; labels?: string[]; choices?: string[] }; from_id?: string; to_id?: string; labels?: string[]; direction?: string };
type Task = { id: number; data: Record<string, string | null>; annotations: { result: Result[] }[]; meta?: { cross_relations: Record<string, string>[] } };

describe('Label Studio export', () => {
  it('writes a task per article: spans as labels regions in code points, speaker, note and status on the same region, links as relations', async () => {
    const assertion = span('s1', 'Iran 👩‍💻 did it.', 'assertion', { speaker: 'Edi Rama' });
    const denial = span('s2', 'Tehran denied it', 'denial', { note: 'state TV', status: 'pending' });
    const evidence = span('s3', 'Cafe\u0301 talk', 'evidence');
    const { tasks } = await exportOf([
      article('a', [assertion, denial, evidence], [link('l1', 's2', 's1', 'contradicts', 'a'), link('l2', 's3', 'z9', 'corroborates', 'b')]),
      article('b', []),
    ]);
    expect(tasks.map((t) => t.id)).toEqual([1, 2]);
    const [a, b] = tasks;
    expect(a.data).toMatchObject({ text: TEXT, title: 'Title a', outlet: 'Wire', article_id: 'a', external_id: 'ext-a', published: '2022-09-08' });
    const result = a.annotations[0].result;
    const regions = result.filter((r) => r.type === 'labels');
    // What each region covers is its text, counted in code points (emoji, ZWJ sequences, combining marks).
    for (const r of regions) expect(cps.slice(r.value!.start, r.value!.end).join('')).toBe(r.value!.text);
    expect(regions.map((r) => [r.id, r.value!.labels])).toEqual([['s1', ['assertion']], ['s2', ['denial']], ['s3', ['evidence']]]);
    // Per-region controls share the region's id and place.
    const control = (id: string, name: string) => result.find((r) => r.id === id && r.from_name === name);
    expect(control('s1', 'speaker')).toMatchObject({ type: 'textarea', value: { start: assertion.start, end: assertion.end, text: ['Edi Rama'] } });
    expect(control('s2', 'note')).toMatchObject({ type: 'textarea', value: { text: ['state TV'] } });
    expect(control('s2', 'status')!.value!.choices).toEqual(['pending']);
    expect(control('s1', 'note')).toBeUndefined();
    expect(result.filter((r) => r.type === 'relation')).toEqual([{ type: 'relation', from_id: 's2', to_id: 's1', direction: 'right', labels: ['contradicts'] }]);
    // Label Studio relations stay in a task: a link to another article's span is named in the task's meta.
    expect(a.meta!.cross_relations).toEqual([{ from_id: 's3', to_id: 'z9', to_article_id: 'b', type: 'corroborates', status: 'pending' }]);
    expect(b.annotations).toEqual([]);
    expect(b.meta).toBeUndefined();
  });

  it('names only controls, tags and relation kinds the labeling config declares, with the types it gives them', async () => {
    const { tasks } = await exportOf([
      article('a', [span('s1', 'Iran 👩‍💻 did it.', 'assertion', { speaker: 'x', note: 'y' }), span('s2', 'Tehran denied it', 'denial')], [link('l1', 's2', 's1', 'corroborates', 'a')]),
    ]);
    const tags = new Map([...LABEL_STUDIO_CONFIG.matchAll(/<(\w+) name="(\w+)" (?:toName="(\w+)")?/g)].map((m) => [m[2], { tag: m[1], toName: m[3] }]));
    const typeOfTag: Record<string, string> = { Labels: 'labels', TextArea: 'textarea', Choices: 'choices' };
    const values = (tag: string) => [...LABEL_STUDIO_CONFIG.matchAll(new RegExp(`<${tag} value="(\\w+)"`, 'g'))].map((m) => m[1]);
    for (const r of tasks[0].annotations[0].result) {
      if (r.type === 'relation') {
        for (const l of r.labels!) expect(values('Relation')).toContain(l);
        continue;
      }
      const control = tags.get(r.from_name!);
      expect(control, r.from_name).toBeDefined();
      expect(typeOfTag[control!.tag]).toBe(r.type);
      expect(control!.toName).toBe(r.to_name);
      expect(tags.get(r.to_name!)?.tag).toBe('Text');
      for (const l of r.value!.labels ?? []) expect(values('Label')).toContain(l);
      for (const c of r.value!.choices ?? []) expect(values('Choice')).toContain(c);
    }
  });

  it('is an empty list for no articles, and README shows the labeling config the export is written for', async () => {
    expect((await exportOf([])).tasks).toEqual([]);
    const readme = fs.readFileSync('README.md', 'utf8');
    const indented = LABEL_STUDIO_CONFIG.trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
    expect(readme).toContain(indented);
  });
});
