// Sending one message: nodemailer over SMTP_URL. The worker sees only `Mailer`, so tests and a
// future provider can hand it another.
import nodemailer from 'nodemailer';

export type OutgoingEmail = { to: string; subject: string; text: string };
export type Mailer = { send(message: OutgoingEmail): Promise<void>; close(): void };

/**
 * An SMTP transport from a URL (`smtp://user:pass@host:587`, `smtps://…:465`); nodemailer reads
 * the URL's query too (`?pool=true`). Timeouts are well inside the outbox lease, so a hung server
 * fails the attempt instead of outliving the claim.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(
    { url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
    { from },
  );
  return {
    async send(m) {
      // base64 keeps Cyrillic text readable by every mail server, whatever its 8-bit support.
      await transport.sendMail({ to: m.to, subject: m.subject, text: m.text, textEncoding: 'base64' });
    },
    close: () => transport.close(),
  };
}
