import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead';

/** A source that logs when it makes each item, and fails at `failAt` if given. */
function source(count: number, log: string[], failAt?: number) {
  return (async function* () {
    try {
      for (let i = 0; i < count; i++) {
        await new Promise((r) => setTimeout(r, 1));
        if (i === failAt) throw new Error(`bad item ${i}`);
        log.push(`made ${i}`);
        yield i;
      }
    } finally {
      log.push('closed');
    }
  })();
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('readAhead', () => {
  it('makes the next items while the consumer is busy, and yields all of them in order', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const i of readAhead(source(5, log), 2)) {
      if (i === 0) {
        await tick(); // the consumer awaits something else: the source goes on meanwhile
        expect(log).toEqual(['made 0', 'made 1', 'made 2']);
      }
      seen.push(i);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(log.at(-1)).toBe('closed');
  });

  it("throws the source's error after the items before it, never before", async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const i of readAhead(source(10, [], 3), 4)) {
        await tick();
        seen.push(i);
      }
    };
    await expect(run()).rejects.toThrow('bad item 3');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    const run = async () => {
      for await (const i of readAhead(source(100, log), 2)) if (i === 1) throw new Error('consumer failed');
    };
    await expect(run()).rejects.toThrow('consumer failed');
    expect(log.at(-1)).toBe('closed');
    expect(log.filter((l) => l.startsWith('made')).length).toBeLessThanOrEqual(4);
  });
});
