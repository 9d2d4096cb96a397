import { describe, expect, it } from 'vitest';
import { exportBody } from './export-body';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('exportBody', () => {
  it('streams text and bytes in order, encoding text as UTF-8', async () => {
    async function* chunks() {
      yield 'Zoë 👩‍💻 ';
      yield new TextEncoder().encode('Cafe\u0301');
      yield '';
      yield ' end';
    }
    expect(await readAll(await exportBody(chunks()))).toBe('Zoë 👩‍💻 Cafe\u0301 end');
  });

  it('an export that fails before its first chunk rejects before any response exists', async () => {
    let closed = false;
    async function* failing(): AsyncGenerator<string> {
      try {
        throw new Error('database gone');
      } finally {
        closed = true;
      }
    }
    await expect(exportBody(failing())).rejects.toThrow('database gone');
    expect(closed).toBe(true);
  });

  it('makes one chunk ahead of what was read, and a failure later breaks the stream', async () => {
    let made = 0;
    async function* chunks() {
      made++;
      yield 'a';
      made++;
      yield 'b';
      throw new Error('connection lost');
    }
    const reader = (await exportBody(chunks())).getReader();
    expect(made).toBe(1);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('a');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('b');
    expect(made).toBe(2);
    await expect(reader.read()).rejects.toThrow('connection lost');
  });

  it('cancelling the stream closes the export', async () => {
    let closed = false;
    async function* chunks() {
      try {
        for (;;) yield 'x';
      } finally {
        closed = true;
      }
    }
    const stream = await exportBody(chunks());
    await stream.cancel();
    expect(closed).toBe(true);
  });
});
