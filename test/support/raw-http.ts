// One HTTP request with its path sent byte for byte as given. fetch() normalizes a path before
// sending it (dot segments, some escapes); probes of the router need the raw form.
import http from 'node:http';

export type RawResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any;
};

export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = (res.headers['content-type'] ?? '').includes('json') && text;
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          body: json ? JSON.parse(text) : text,
        });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The Cookie header a Client would send: `name=value; …`. */
export function cookieHeader(cookies: Record<string, string | undefined>): string {
  return Object.entries(cookies)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}
