import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../../../platform/config/app-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per delivery: a resend after a crash carries the same Message-ID, so mail systems can tell. */
  messageId: string;
}

/** What one attempt came to. `permanent`: retrying cannot help (5xx refusal, bad address). */
export type SendResult = { ok: true; providerId: string } | { ok: false; permanent: boolean; error: string };

/**
 * SMTP through nodemailer (SMTP_URL or SMTP_HOST…; STARTTLS when offered, SMTP_SECURE for implicit
 * TLS). Credentials never reach a log or an error text stored in the database.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private transporter?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.emailEnabled;
  }

  async send(mail: OutgoingMail): Promise<SendResult> {
    if (!this.enabled) return { ok: false, permanent: true, error: 'e-mail is not configured (SMTP_URL / SMTP_HOST)' };
    try {
      const info = await this.transport().sendMail({
        from: this.config.SMTP_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
      return { ok: true, providerId: String(info.messageId ?? mail.messageId) };
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      // 5xx is the server's final word on this message; 4xx and network errors are worth another try.
      const permanent = (typeof e.responseCode === 'number' && e.responseCode >= 500) || e.code === 'EENVELOPE';
      const error = redact(`${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message ?? String(err)}`, this.config);
      this.logger.warn(`SMTP send failed (${permanent ? 'permanent' : 'will retry'}): ${error}`);
      return { ok: false, permanent, error };
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }

  private transport(): Transporter {
    if (this.transporter) return this.transporter;
    const c = this.config;
    const common = {
      connectionTimeout: c.SMTP_TIMEOUT_MS,
      greetingTimeout: c.SMTP_TIMEOUT_MS,
      socketTimeout: c.SMTP_TIMEOUT_MS * 2,
      requireTLS: c.SMTP_REQUIRE_TLS,
      tls: { rejectUnauthorized: c.SMTP_TLS_REJECT_UNAUTHORIZED },
      logger: false,
      debug: false,
    };
    this.transporter = c.SMTP_URL
      ? nodemailer.createTransport({ ...common, url: c.SMTP_URL })
      : nodemailer.createTransport({
          ...common,
          host: c.SMTP_HOST,
          port: c.SMTP_PORT,
          secure: c.SMTP_SECURE,
          auth: c.SMTP_USER ? { user: c.SMTP_USER, pass: c.SMTP_PASS ?? '' } : undefined,
        });
    return this.transporter;
  }
}

/** Keeps the SMTP password (and a URL's credentials) out of texts that are logged or stored. */
export function redact(text: string, config: Pick<AppConfig, 'SMTP_PASS' | 'SMTP_URL'>): string {
  let out = text.slice(0, 1000);
  if (config.SMTP_PASS) out = out.split(config.SMTP_PASS).join('***');
  const urlSecret = config.SMTP_URL ? /\/\/[^@/]*:([^@/]+)@/.exec(config.SMTP_URL)?.[1] : undefined;
  if (urlSecret) out = out.split(decodeURIComponent(urlSecret)).join('***').split(urlSecret).join('***');
  return out;
}
