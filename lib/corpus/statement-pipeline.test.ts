import { describe, expect, it } from 'vitest';
import { statementPipeline } from './statement-pipeline';

/** A statement the test finishes by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('statement pipeline', () => {
  it('starts statements in order, never more than `depth` outstanding', async () => {
    const pipeline = statementPipeline(2);
    const started: number[] = [];
    const statements = [0, 1, 2].map(() => deferred());
    const sending = (async () => {
      for (const [i, d] of statements.entries()) {
        await pipeline.send(() => (started.push(i), d.promise));
      }
    })();
    await tick();
    expect(started).toEqual([0, 1]); // the third waits for the first
    statements[0].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    await sending;
    statements[1].resolve();
    statements[2].resolve();
    await pipeline.drain();
  });

  it('throws the first failure from drain, without an unhandled rejection for the others', async () => {
    const pipeline = statementPipeline(3);
    await pipeline.send(() => Promise.resolve());
    await pipeline.send(() => Promise.reject(new Error('first')));
    await pipeline.send(() => Promise.reject(new Error('second')));
    await expect(pipeline.drain()).rejects.toThrow('first');
    await pipeline.abandon(); // settles 'second' quietly
    await expect(pipeline.drain()).resolves.toBeUndefined();
  });
});
