// An SMTP server in the test's own process (smtp-server), recording what it is sent, and a small
// reader for the messages nodemailer writes: headers unfolded, RFC 2047 subjects decoded, a
// base64 body decoded as UTF-8. Enough for our plain-text letters, not a general MIME parser.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Delivered = { to: string[]; raw: string; at: number };

export type TestSmtp = {
  url: string;
  delivered: Delivered[];
  /** Every RCPT TO seen, refused ones included: one per delivery attempt of a one-recipient letter. */
  attempts: { to: string; at: number }[];
  /** RCPT TO for an address is refused (451, a temporary failure) this many more times. */
  refusals: Map<string, number>;
  close: () => Promise<void>;
};

export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const delivered: Delivered[] = [];
  const attempts: TestSmtp['attempts'] = [];
  const refusals = new Map<string, number>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      attempts.push({ to: address.address, at: Date.now() });
      const left = refusals.get(address.address) ?? 0;
      if (left > 0) {
        refusals.set(address.address, left - 1);
        return callback(Object.assign(new Error('Почтовый ящик временно недоступен'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        delivered.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  return {
    url,
    delivered,
    attempts,
    refusals,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

/** Decodes RFC 2047 encoded words (nodemailer's `=?UTF-8?B?…?=` / `?Q?`) of an unfolded header. */
function decodeHeader(value: string) {
  const words = value.replace(/\?=\s+=\?/g, '?==?');
  return words.replace(/((?:=\?UTF-8\?[BQ]\?[^?]*\?=)+)/gi, (run) => {
    const bytes: number[] = [];
    for (const [, kind, text] of run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)) {
      if (kind?.toUpperCase() === 'B') bytes.push(...Buffer.from(text ?? '', 'base64'));
      else
        for (const part of (text ?? '').replace(/_/g, ' ').split(/(=[0-9A-F]{2})/i))
          if (/^=[0-9A-F]{2}$/i.test(part)) bytes.push(Number.parseInt(part.slice(1), 16));
          else bytes.push(...Buffer.from(part, 'latin1'));
    }
    return Buffer.from(bytes).toString('utf8');
  });
}

export function parseMessage(raw: string) {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const body = rest.join('\r\n\r\n');
  const text =
    headers.get('content-transfer-encoding') === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : body;
  return { headers, subject: decodeHeader(headers.get('subject') ?? ''), text };
}
