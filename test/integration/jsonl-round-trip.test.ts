import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { writeExport } from '@/lib/export/write-export';
import { exportQuery } from '@/lib/export/schema';
import { importFile } from '@/lib/import/import-files';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { articleTextArb } from '@/lib/anchoring/testing/article-text-arbitrary';
import { as } from '../app-error';
import { addMember, makeProject, makeTeam, testDb } from '../factories';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-roundtrip-'));

async function spansOf(projectId: string) {
  const rows = await testDb().annotation.findMany({
    where: { article: { projectId } },
    select: { start: true, end: true, label: true, exact: true, prefix: true, suffix: true, speaker: true, note: true, article: { select: { externalId: true, title: true, text: true } } },
  });
  return rows
    .map((r) => JSON.stringify([r.article.title, r.article.text, r.start, r.end, r.label, r.exact, r.prefix, r.suffix, r.speaker, r.note]))
    .sort();
}

describe('JSONL round trip', () => {
  it('exporting JSONL and importing it into a new project gives back the same articles and spans', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        articleTextArb(30).map(normalizeText).filter((t) => t.trim().length > 2),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('assertion', 'denial', 'evidence' as const), fc.option(fc.string({ maxLength: 20 }))), { minLength: 1, maxLength: 6 }),
        async (text, rawSpans) => {
          const team = await makeTeam(text);
          const cps = Array.from(text);
          for (const [a, b, label, speaker] of rawSpans) {
            let start = a % cps.length;
            let end = Math.min(cps.length, start + 1 + (b % 12));
            // Spans never start or end in whitespace (the reader trims them); skip those that would.
            while (start < end && /\s/.test(cps[start])) start++;
            while (end > start && /\s/.test(cps[end - 1])) end--;
            if (end <= start) continue;
            await createAnnotation(as(team.analyst), team.article.id, { start, end, label, speaker: speaker?.trim() || null });
          }
          const { chunks } = await writeExport({ userId: team.analyst.id }, team.project.id, exportQuery.parse({ format: 'jsonl', status: 'all' }), 'https://cc.example.org');
          // Chunks are bytes (a character may straddle two of them) or text.
          const decoder = new TextDecoder();
          let out = '';
          for await (const c of chunks) out += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
          const file = path.join(dir, `export-${run++}.jsonl`);
          fs.writeFileSync(file, out);

          const target = await makeProject();
          await addMember(team.analyst.id, target.id, 'ANALYST');
          const result = await importFile(target.id, file, { actorId: team.analyst.id });
          expect(result.added).toBe(1);
          expect(await spansOf(target.id)).toEqual(await spansOf(team.project.id));
        },
      ),
      { numRuns: Number(process.env.ROUND_TRIP_RUNS ?? 15) },
    );
  });
});
