import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * A real SMTP server inside the test (the `smtp-server` package) that keeps what arrives, parsed
 * with `mailparser`. It requires AUTH (user / pass below) so the app's credentials are exercised;
 * STARTTLS is off (no certificate in the test). `stop()` closes the port, `start()` opens it again on
 * the same one: "the mail server is down for a while".
 */
export class Mailbox {
  static readonly user = 'g60-test';
  static readonly pass = 'smtp-test-secret-1234';
  readonly mails: ReceivedMail[] = [];
  port = 0;
  private server?: SMTPServer;

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === Mailbox.user && auth.password === Mailbox.pass) return callback(null, { user: auth.username });
        return callback(new Error('Invalid username or password'));
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = ([] as { value: { address?: string }[] }[]).concat((parsed.to as never) ?? []).flatMap((a) => a.value.map((v) => v.address ?? ''));
            this.mails.push({
              to,
              from: parsed.from?.text ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Mails to `address`, optionally only those whose subject contains `subject`. */
  to(address: string, subject?: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address) && (!subject || m.subject.includes(subject)));
  }

  /** The env that points the app at this server. */
  env(): Record<string, string> {
    return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.port), SMTP_USER: Mailbox.user, SMTP_PASS: Mailbox.pass, SMTP_FROM: 'G60 测试 <noreply@g60.test>', SMTP_TIMEOUT_MS: '3000' };
  }
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const found = mail.text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} link in: ${mail.text}`);
  return found;
}
