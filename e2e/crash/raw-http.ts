// HTTP for the crash-safety test, on node:http rather than fetch: a full
// import takes minutes on a busy machine, longer than fetch's fixed 300 s wait
// for response headers, and `res.complete` says plainly whether a body
// arrived whole or the connection died under it. One connection per request
// (no keep-alive), so nothing stale outlives a killed server.
import http from 'node:http';
import { randomBytes } from 'node:crypto';

export type RawResponse = { status: number; body: Buffer };

export function send(method: 'GET' | 'POST', url: string, opts: { token: string; body?: Buffer; contentType?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${opts.token}` };
    if (opts.body) Object.assign(headers, { 'content-type': opts.contentType, 'content-length': opts.body.length });
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => {}); // reported by 'close' below
      res.on('close', () => {
        if (res.complete) resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
        else reject(new Error(`response cut off after ${chunks.reduce((n, c) => n + c.length, 0)} bytes`));
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** One file in a multipart/form-data body, field "file", as the imports endpoint takes it. */
export function multipartFile(name: string, bytes: Buffer) {
  const boundary = `----crash${randomBytes(12).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
