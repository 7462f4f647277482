// Markdown from the operator is rendered harmless: known XSS payloads (in the style of OWASP's
// filter-evasion cheat sheet) come out as inert text or as allow-listed tags whose links are only
// http, https or mailto. Checked both in the preview and in what a reader receives.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client } from '../support/client.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
  admin = await server.client().login('admin');
});
afterAll(() => server.close());

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<img src=x onerror=alert(1)>',
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[click](&#x6A;avascript:alert(1))',
  '[click](jav&#x09;ascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](file:///etc/passwd)',
  '[click](//evil.example/)',
  '[click][1]\n\n[1]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[x](https://example.org" onmouseover="alert(1))',
  '[x]("onmouseover="alert(1))',
  '<https://example.org" onmouseover="alert(1)>',
  '<javascript:alert(1)>',
  'javascript:alert(1)',
  'www.example.org/?q=<script>alert(1)</script>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '| <img src=x onerror=alert(1)> | x |\n|---|---|\n| [a](javascript:alert(1)) | b |',
];

const ALLOWED_TAGS = new Set(
  'p br h1 h2 h3 h4 h5 h6 strong em s blockquote ul ol li code pre hr a table thead tbody tr th td'.split(
    ' ',
  ),
);
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'target', 'start', 'class']);

/** Every tag in `html` is allow-listed, carries only allow-listed attributes, and links only to http(s) or mailto. */
function expectHarmless(html: string, payload: string) {
  const context = { payload, html };
  for (const [, name, attrs = ''] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    expect({ ...context, tag: name }).toEqual({
      ...context,
      tag: expect.toSatisfy((t: string) => ALLOWED_TAGS.has(t)),
    });
    for (const [, attr, value] of attrs.matchAll(/([^\s=]+)="([^"]*)"/g)) {
      expect({ ...context, attr }).toEqual({
        ...context,
        attr: expect.toSatisfy((a: string) => ALLOWED_ATTRIBUTES.has(a)),
      });
      if (attr === 'href')
        expect({ ...context, href: value }).toEqual({
          ...context,
          href: expect.stringMatching(/^(https?:|mailto:)/),
        });
      if (attr === 'class') expect(value).toMatch(/^align-(left|right|center)$/);
    }
  }
  expect(html).not.toMatch(/<(script|svg|img|iframe|style|math|body|details|div)\b/i);
}

it.each(PAYLOADS)('the preview renders %j harmless', async (payload) => {
  const res = await admin.post('/api/publications/preview', { bodyMarkdown: payload });
  expect(res.status).toBe(200);
  expectHarmless(res.body.html, payload);
});

it('a reader receives every payload harmless', async () => {
  const created = await admin.post('/api/publications', {
    title: 'Проверка безопасности',
    bodyMarkdown: PAYLOADS.join('\n\n'),
  });
  expect(created.status).toBe(201);
  const school = await server.client().login('sch770001');
  const row = (await school.get('/api/publications?q=Проверка безопасности')).body.rows[0];
  expectHarmless(row.bodyHtml, 'all payloads');
  // The text itself survives as text: the reader sees what was written, escaped.
  expect(row.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
});

it('a title is plain text, never markup', async () => {
  const created = await admin.post('/api/publications', { title: '<img src=x onerror=alert(1)>' });
  // Stored as typed; the browser renders it as text (React escapes it).
  expect(created.body.title).toBe('<img src=x onerror=alert(1)>');
});
