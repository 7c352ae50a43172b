import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';

/** A free TCP port on 127.0.0.1 (the provider's issuer URL must be known before the app boots). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

export interface OidcAccount {
  email?: string;
  email_verified?: boolean;
}

/** Starts test/support/oidc-provider.mjs (the oidc-provider package) and waits until it listens. */
export async function startOidcProvider(options: { port: number; clientId: string; clientSecret: string; redirectUri: string; accounts: Record<string, OidcAccount> }): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`OIDC provider did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`OIDC provider exited (${code}): ${stderr}`));
    });
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A browser's walk through single sign-on, over HTTP only: the app's start redirect, the provider's login form
 * (submitted as `login`), its consent form, and back to the app's callback. Cookies of the provider are kept
 * between requests. Answers the callback's Location (the portal's /login#sso=… or #sso_error=…) and the
 * callback URL the provider redirected to.
 */
export async function walkSignIn(appUrl: string, login: string, callbackBase = appUrl): Promise<{ location: string; callbackUrl: string }> {
  const callbackUrl = await walkToCallback(appUrl, login);
  const done = await fetch(callbackUrl.replace(appUrl, callbackBase), { redirect: 'manual' });
  if (done.status !== 302) throw new Error(`callback: ${done.status} ${await done.text()}`);
  return { location: done.headers.get('location')!, callbackUrl };
}

/** The same walk, stopping at the provider's redirect back: the callback URL, not yet called. */
export async function walkToCallback(appUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  const started = await send(`${appUrl}/api/v1/auth/oidc/start`);
  if (started.status !== 302) throw new Error(`start: ${started.status} ${await started.text()}`);
  let url = new URL(started.headers.get('location')!, appUrl).href;
  const callbackPrefix = new URL('/api/v1/auth/oidc/callback', appUrl).href;
  for (let hops = 0; hops < 20; hops += 1) {
    if (url.startsWith(callbackPrefix)) return url;
    const res = await send(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider ${url}: ${res.status} ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${url}: ${html.slice(0, 500)}`);
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const submitted = await send(new URL(action.replace(/&amp;/g, '&'), url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    if (submitted.status < 300 || submitted.status >= 400) throw new Error(`submit ${prompt}: ${submitted.status} ${(await submitted.text()).slice(0, 500)}`);
    url = new URL(submitted.headers.get('location')!, url).href;
  }
  throw new Error('too many redirects');
}
