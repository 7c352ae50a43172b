import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../platform/config/app-config';
import { SendResult } from './mail-transport';

export interface OutgoingSms {
  /** E.164-ish digits, e.g. +8613800000000. */
  to: string;
  text: string;
  /** The delivery id: a gateway that deduplicates on it never sends twice. */
  reference: string;
}

/**
 * Sends one SMS. Providers fit behind it: Aliyun SMS (dysmsapi SendSms), Tencent Cloud SMS
 * (SendSms), a carrier's CMPP gateway; each needs its signature and an approved template, which a
 * small HTTP gateway in front of it holds (the `http` adapter below speaks to such a gateway).
 */
export interface SmsAdapter {
  readonly name: 'none' | 'log' | 'http';
  send(sms: OutgoingSms): Promise<SendResult>;
}

/**
 * POST {to, text, reference} as JSON to SMS_HTTP_URL with `Authorization: Bearer SMS_HTTP_TOKEN`
 * and `Idempotency-Key: reference`. 2xx: sent (the body's `id`, if any, is kept). 429 and 5xx: retried.
 * Other 4xx: permanent (bad number, refused content).
 */
export class HttpGatewaySmsAdapter implements SmsAdapter {
  readonly name = 'http' as const;

  constructor(private readonly url: string, private readonly token: string | undefined, private readonly timeoutMs: number) {}

  async send(sms: OutgoingSms): Promise<SendResult> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': sms.reference,
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to: sms.to, text: sms.text, reference: sms.reference }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = await res.text().catch(() => '');
      if (res.ok) {
        let id = sms.reference;
        try {
          id = String((JSON.parse(body) as { id?: unknown }).id ?? id);
        } catch {
          // not JSON: keep the reference
        }
        return { ok: true, providerId: id };
      }
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408;
      return { ok: false, permanent, error: `HTTP ${res.status}: ${body.slice(0, 200)}` };
    } catch (err) {
      return { ok: false, permanent: false, error: (err as Error).message.slice(0, 500) };
    }
  }
}

/** Embedded mode and development: logs that an SMS would go out (masked number, no text) and counts it sent. */
export class LogSmsAdapter implements SmsAdapter {
  readonly name = 'log' as const;
  private readonly logger = new Logger('SmsLog');

  async send(sms: OutgoingSms): Promise<SendResult> {
    this.logger.log(`SMS ${sms.reference} to ${maskPhone(sms.to)} (${sms.text.length} characters) — log adapter, not sent`);
    return { ok: true, providerId: `log:${sms.reference}` };
  }
}

class NoSmsAdapter implements SmsAdapter {
  readonly name = 'none' as const;

  async send(): Promise<SendResult> {
    return { ok: false, permanent: true, error: 'SMS is not configured (SMS_ADAPTER)' };
  }
}

export function maskPhone(phone: string): string {
  return phone.length <= 4 ? '****' : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
}

/** The adapter SMS_ADAPTER names. */
@Injectable()
export class SmsGateway {
  readonly adapter: SmsAdapter;

  constructor(config: AppConfig) {
    const kind = config.smsAdapter;
    this.adapter =
      kind === 'http' && config.SMS_HTTP_URL
        ? new HttpGatewaySmsAdapter(config.SMS_HTTP_URL, config.SMS_HTTP_TOKEN, config.SMS_HTTP_TIMEOUT_MS)
        : kind === 'log'
          ? new LogSmsAdapter()
          : new NoSmsAdapter();
  }

  get enabled(): boolean {
    return this.adapter.name !== 'none';
  }

  send(sms: OutgoingSms): Promise<SendResult> {
    return this.adapter.send(sms);
  }
}
