import type { ExportChunk } from './write-export';

/**
 * An export's chunks as a byte stream with backpressure: the next chunk is
 * produced only when the consumer pulls (an HTTP response being drained), so
 * memory holds one chunk, and a consumer that hangs up ends the export (its
 * cursors and connection are released). Text is encoded as UTF-8; binary
 * chunks (brat's ZIP) pass through.
 */
export function exportBody(chunks: AsyncGenerator<ExportChunk>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
