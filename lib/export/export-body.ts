import type { ExportChunk } from './write-export';

/**
 * An export's chunks as a byte stream with backpressure: the next chunk is
 * produced only when the consumer pulls (an HTTP response being drained), so
 * memory holds one chunk, and a consumer that hangs up ends the export (its
 * cursors and connection are released). Text is encoded as UTF-8; binary
 * chunks (brat's ZIP) pass through.
 *
 * The first chunk is made before the stream is returned: an export that fails
 * at its start (the database gone, a statement refused) rejects here, so the
 * route answers with an error status and a message instead of a 200 whose
 * download breaks off with nothing in it.
 */
export async function exportBody(chunks: AsyncGenerator<ExportChunk>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let primed: IteratorResult<ExportChunk> | null = await chunks.next();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = primed ?? (await chunks.next());
      primed = null;
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
