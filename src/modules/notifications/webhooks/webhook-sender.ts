import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { ResolvedTarget } from './webhook-address';

/** A whole delivery (connect, send, answer) must finish within this. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** At most this much of a receiver's answer is read; the rest is dropped. */
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one delivery to exactly the address that was checked (docs/security.md, "Outbound calls"):
 * the socket's DNS lookup is replaced by one that answers with that address, so a second lookup
 * cannot be steered elsewhere (DNS rebinding). TLS still verifies the certificate against the host
 * name. Redirects are never followed (a 3xx is a failed delivery); time and answer size are bounded.
 */
export function sendWebhook(target: ResolvedTarget, headers: Record<string, string>, body: string): Promise<SendResult> {
  const started = Date.now();
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, error, durationMs: Date.now() - started });
    };
    const req = send(
      {
        host: target.host,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
        // SNI and certificate check against the host name (never an IP literal, which TLS does not allow as a server name).
        servername: target.url.protocol === 'https:' && !isIP(target.host) ? target.host : undefined,
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > WEBHOOK_MAX_RESPONSE_BYTES) res.destroy();
        });
        const done = () => {
          if (status >= 300 && status < 400) finish(status, `receiver redirected (${status}); redirects are not followed`);
          else if (status < 200 || status >= 300) finish(status, `receiver answered ${status}`);
          else finish(status, null);
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`));
    }, WEBHOOK_TIMEOUT_MS);
    req.on('error', (err) => finish(null, err.message));
    req.end(body);
  });
}
