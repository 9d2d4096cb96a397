/**
 * Yields what `source` yields, in order, but asks it for up to `ahead` more
 * items before they are wanted: while the consumer awaits something else
 * (the database), the source makes the next items (reads and parses the
 * file) instead of waiting to be asked. An error of the source comes out
 * where it happened, after the items before it. If the consumer stops early,
 * the source is closed once the items asked for are made.
 *
 * `source` must accept several pending `next()` calls, as async generators
 * do (they answer them in order).
 */
export async function* readAhead<T>(source: AsyncGenerator<T>, ahead: number): AsyncGenerator<T> {
  const pending: Promise<IteratorResult<T>>[] = [];
  let done = false;
  try {
    for (;;) {
      while (pending.length <= ahead) {
        const next = source.next();
        next.catch(() => {}); // handled when its turn comes; not an unhandled rejection meanwhile
        pending.push(next);
      }
      const result = await pending.shift()!;
      if (result.done) {
        done = true;
        return;
      }
      yield result.value;
    }
  } catch (error) {
    done = true;
    throw error;
  } finally {
    if (!done) await source.return(undefined);
  }
}
