import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { importUpload } from '@/lib/import/import-upload';
import { receiveUpload } from '@/lib/import/receive-upload';
import { expectAppError } from '../app-error';
import { addMember, makeProject, makeUser, testDb } from '../factories';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MB = 2 ** 20;

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cc-upload-test-'));
const upload = (form: FormData) => new Request('http://localhost/api/v1/projects/p/imports', { method: 'POST', body: form });

/**
 * A multipart body produced piece by piece, never whole: `records` JSON Lines
 * records in one `file` part, as a browser streams a large file.
 */
function streamedUpload(name: string, records: number): Request {
  const boundary = '----crosscheck-test-boundary';
  const encoder = new TextEncoder();
  // Metadata the importer reads and ignores: a large file with a quick database part.
  const notes = 'Field notes kept by the newsroom, not part of the article. '.repeat(300);
  let i = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      i++;
      if (i === 0) controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/x-ndjson\r\n\r\n`));
      else if (i <= records) {
        const text = `Report ${i}. The ministry said talks with region ${i % 40} had stalled.`;
        controller.enqueue(encoder.encode(JSON.stringify({ externalId: `up-${i}`, title: `Report ${i}`, text, notes }) + '\n'));
      } else {
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
  });
  return new Request('http://localhost/api/v1/projects/p/imports', {
    method: 'POST',
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    duplex: 'half',
  } as RequestInit);
}

describe('receiving an upload', () => {
  it('writes each file to disk under its own name (UTF-8 names too), drops one over the size limit and keeps the rest', async () => {
    const dir = tempDir();
    const form = new FormData();
    form.append('file', new File(['small enough'], 'première.txt'));
    form.append('file', new File(['x'.repeat(64)], 'too-big.txt'));
    form.append('note', 'ignored');
    form.append('file', new File(['also fine'], '../../etc/passwd'));
    const { files, fields } = await receiveUpload(upload(form), dir, { files: 5, fileBytes: 32 });
    expect(fields).toEqual({});
    expect(files.map((f) => f.name)).toEqual(['première.txt', 'too-big.txt', 'passwd']);
    expect(fs.readFileSync(files[0].path!, 'utf8')).toBe('small enough');
    expect(files[1].path).toBeUndefined();
    // A folder part in the name never leads outside the upload folder.
    expect(path.dirname(files[2].path!)).toBe(dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['0-première.txt', '2-passwd']);
  });

  it('refuses more files than allowed (413), a NUL in a file name and a body that is not multipart (400)', async () => {
    const many = new FormData();
    for (let i = 0; i < 4; i++) many.append('file', new File(['a'], `f${i}.txt`));
    await expectAppError(receiveUpload(upload(many), tempDir(), { files: 3, fileBytes: 100 }), 'PAYLOAD_TOO_LARGE');

    // A NUL in a part header is malformed multipart: busboy stops there.
    const nul = new FormData();
    nul.append('file', new File(['a'], 'a\u0000b.txt'));
    const e = await expectAppError(receiveUpload(upload(nul), tempDir(), { files: 3, fileBytes: 100 }), 'BAD_REQUEST');
    expect(e.fields?.['(body)']).toMatch(/header/i);

    const broken = new Request('http://localhost/x', { method: 'POST', body: '--nope\r\nnot a part', headers: { 'content-type': 'multipart/form-data; boundary=other' } });
    const b = await expectAppError(receiveUpload(broken, tempDir(), { files: 3, fileBytes: 100 }), 'BAD_REQUEST');
    expect(b.fields).toHaveProperty('(body)');
  });

  it('imports a large upload without holding it in memory, and refuses a non-member before reading it', { timeout: 120_000 }, async () => {
    const project = await makeProject();
    const user = await makeUser();
    await addMember(user.id, project.id, 'ANALYST');
    const records = 4_000; // ~70 MB, streamed
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const timer = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }, 200);
    try {
      const [result] = await importUpload(user.id, project.id, streamedUpload('large.jsonl', records));
      expect(result).toMatchObject({ file: 'large.jsonl', articles: records, added: records });
    } finally {
      clearInterval(timer);
    }
    console.log(`[import-upload] ~${((records * 17_500) / MB).toFixed(0)} MB upload: live heap grew by at most ${(peak / MB).toFixed(1)} MB`);
    // req.formData() holds the whole body (and a copy per file) until it returns.
    expect(peak).toBeLessThan((records * 17_500) / 4);
    expect(await testDb().article.count({ where: { projectId: project.id } })).toBe(records);

    const outsider = await makeUser();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const req = new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=b' }, duplex: 'half' } as RequestInit);
    await expectAppError(importUpload(outsider.id, project.id, req), 'NOT_FOUND');
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('imports a CSV with the column mapping sent as the map field; a bad mapping imports nothing and names what is wrong', async () => {
    const project = await makeProject();
    const user = await makeUser();
    await addMember(user.id, project.id, 'ANALYST');
    const csv = 'id,headline,source,body\r\n7,Albania cuts ties,"Reuters, Inc.","Albania cut ties with Iran.\r\nTehran denied it."\r\n';
    const form = (map?: string) => {
      const f = new FormData();
      if (map !== undefined) f.append('map', map);
      f.append('file', new File([csv], 'ties.csv'));
      f.append('file', new File([JSON.stringify({ title: 'Also here', text: 'A JSONL article next to the CSV.' }) + '\n'], 'more.jsonl'));
      return upload(f);
    };

    // Without a mapping the FNC-1 layout is expected: the CSV fails by name, the JSONL beside it imports.
    const plain = await importUpload(user.id, project.id, form());
    expect(plain[0]).toEqual({ file: 'ties.csv', error: 'ties.csv: no column "articleBody" for text (columns: id, headline, source, body)' });
    expect(plain[1]).toMatchObject({ file: 'more.jsonl', added: 1 });

    await expectAppError(importUpload(user.id, project.id, form('text=body,colour=red')), 'BAD_REQUEST');
    expect(await testDb().article.count({ where: { projectId: project.id } })).toBe(1);

    const mapped = await importUpload(user.id, project.id, form('text=body,title=headline,outlet=source,externalId=id'));
    expect(mapped).toEqual([
      { file: 'ties.csv', articles: 1, added: 1, unchanged: 0, revised: 0, updated: 0, orphaned: 0, reopened: 0, spans: 0, spansSkipped: 0, links: 0, linksSkipped: 0 },
      { file: 'more.jsonl', articles: 1, added: 0, unchanged: 1, revised: 0, updated: 0, orphaned: 0, reopened: 0, spans: 0, spansSkipped: 0, links: 0, linksSkipped: 0 },
    ]);
    const article = await testDb().article.findFirstOrThrow({ where: { projectId: project.id, externalId: '7' } });
    expect(article).toMatchObject({ title: 'Albania cuts ties', outlet: 'Reuters, Inc.', text: 'Albania cut ties with Iran.\nTehran denied it.' });
  });
});
