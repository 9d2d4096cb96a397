import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { readRecords } from './read-records';

// Hostile or broken files: whatever the bytes, the importer either reads
// valid articles or refuses with an AppError naming the file — never a crash,
// a hang or another kind of error.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fuzz-'));

async function outcome(name: string, bytes: Uint8Array) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  try {
    for await (const r of readRecords(file)) {
      expect(typeof r.text).toBe('string');
      expect(r.text.trim().length).toBeGreaterThan(0);
    }
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toContain(name);
    return 'refused';
  }
}

const jsonLine = fc.oneof(
  fc.json(),
  fc.record({ title: fc.string(), text: fc.string(), outlet: fc.option(fc.string()), published: fc.option(fc.string()) }).map((r) => JSON.stringify(r)),
  fc.string(),
);

describe('importers under fuzzing', () => {
  it('JSON Lines: random lines and records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonLine, { maxLength: 8 }), async (lines) => {
        await outcome('fuzz.jsonl', new TextEncoder().encode(lines.join('\n')));
      }),
      { numRuns: 200 },
    );
  });

  it('JSON lists: random values, records and Label Studio tasks with random results', async () => {
    const result = fc.oneof(
      fc.json().map((j) => JSON.parse(j)),
      fc.record({ id: fc.oneof(fc.string(), fc.integer()), type: fc.constantFrom('labels', 'textarea', 'relation', 'choices'), from_name: fc.constantFrom('tag', 'speaker', 'note'),
        value: fc.record({ start: fc.integer({ min: -2, max: 30 }), end: fc.integer({ min: -2, max: 30 }), text: fc.oneof(fc.string(), fc.array(fc.string())), labels: fc.array(fc.constantFrom('assertion', 'DENIAL', 'x', '')) }, { requiredKeys: [] }),
        from_id: fc.string(), to_id: fc.string(), direction: fc.constantFrom('left', 'right', 'bi'), labels: fc.array(fc.string()) }, { requiredKeys: ['type'] }),
    );
    const task = fc.record({ data: fc.record({ text: fc.oneof(fc.string(), fc.constant('Iran 👍 did it. Tehran denied it.')), title: fc.string() }, { requiredKeys: [] }),
      annotations: fc.array(fc.record({ result: fc.array(result, { maxLength: 5 }), was_cancelled: fc.boolean() }, { requiredKeys: [] }), { maxLength: 2 }) }, { requiredKeys: ['data'] });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(task, fc.json().map((j) => JSON.parse(j))), { maxLength: 5 }), fc.boolean(), async (items, pretty) => {
        await outcome('fuzz.json', new TextEncoder().encode(JSON.stringify(items, null, pretty ? 2 : undefined)));
      }),
      { numRuns: 200 },
    );
  });

  it('CSV, TXT and HTML: random bytes, including invalid UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('fuzz.csv', 'fuzz.txt', 'fuzz.html', 'fuzz.jsonl', 'fuzz.json'), fc.uint8Array({ maxLength: 400 }), async (name, bytes) => {
        await outcome(name, bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('CSV: random quoting and columns', async () => {
    const cell = fc.oneof(fc.string(), fc.constant('"'), fc.constant('""'), fc.constant('\n'), fc.constant(','));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 6 }), async (rows) => {
        const body = ['Body ID,articleBody', ...rows.map((r) => r.join(','))].join('\n');
        await outcome('fuzz.csv', new TextEncoder().encode(body));
      }),
      { numRuns: 200 },
    );
  });
});
