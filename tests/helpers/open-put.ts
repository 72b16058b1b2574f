import http from 'node:http';

export interface OpenPut<T> {
  /** The request, its body still open: write to it, and end it, as the test needs. */
  request: http.ClientRequest;
  /** The answer, its JSON body parsed. */
  answer: Promise<{ status: number; body: T }>;
}

/** A raw-bytes PUT of `contentLength` bytes on its own connection, for a test to send at its own pace. */
export function openPut<T>(url: string, contentLength: number): OpenPut<T> {
  const request = http.request(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'content-length': contentLength },
    agent: false,
  });
  const answer = new Promise<{ status: number; body: T }>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as T }),
      );
    });
  });
  return { request, answer };
}
