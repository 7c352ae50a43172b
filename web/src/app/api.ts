/** The one HTTP client of the portal: bearer tokens with silent refresh, Idempotency-Key, stable error bodies. */
import type { components } from './api-schema';

/**
 * A response or request shape of the API, generated from its OpenAPI document (api-schema.ts,
 * `npm run api:generate`): `Schema<'VoucherDto'>`. Pages alias these instead of copying DTOs.
 */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

export interface FieldProblem {
  field: string;
  message: string;
}

/** The API's error body, `{statusCode, code, message, details?}`, as a throwable. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.details) ? this.details : [];
  }
}

export type TokenPair = Schema<'TokenPairDto'>;

const REFRESH_KEY = 'g60.refreshToken';
let accessToken: string | undefined;
let refreshing: Promise<boolean> | undefined;
const listeners = new Set<(signedIn: boolean) => void>();

export const tokens = {
  set(pair: TokenPair): void {
    accessToken = pair.accessToken;
    sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
    listeners.forEach((l) => l(true));
  },
  clear(): void {
    accessToken = undefined;
    sessionStorage.removeItem(REFRESH_KEY);
    listeners.forEach((l) => l(false));
  },
  hasSession(): boolean {
    return !!accessToken || !!sessionStorage.getItem(REFRESH_KEY);
  },
  onChange(listener: (signedIn: boolean) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** The current access token (for downloads that need it in a header). */
  async current(): Promise<string | undefined> {
    if (!accessToken && sessionStorage.getItem(REFRESH_KEY)) await refresh();
    return accessToken;
  },
};

async function refresh(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return false;
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) {
        tokens.clear();
        return false;
      }
      tokens.set((await res.json()) as TokenPair);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

export interface RequestOptions {
  /** Sent as the Idempotency-Key header; state-changing calls from forms always pass one. */
  idempotencyKey?: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Raw body (a File for uploads); `body` is JSON otherwise. */
  raw?: Blob;
  contentType?: string;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function send(method: string, path: string, body: unknown, options: RequestOptions, retried = false): Promise<Response> {
  if (!accessToken && !retried) await refresh();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let payload: BodyInit | undefined;
  if (options.raw) {
    payload = options.raw;
    headers['Content-Type'] = options.contentType ?? (options.raw.type || 'application/octet-stream');
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, options.query)}`, { method, headers, body: payload, signal: options.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (res.status === 401 && !retried && sessionStorage.getItem(REFRESH_KEY) && (await refresh())) {
    return send(method, path, body, options, true);
  }
  return res;
}

async function parse<T>(res: Response): Promise<T> {
  return settle<T>(res.status, res.statusText, await res.text());
}

/** A response's JSON on success; otherwise the API's error body as an ApiError (a 401 also ends the session). */
function settle<T>(status: number, statusText: string, text: string): T {
  const data = text ? safeJson(text) : undefined;
  if (status < 200 || status >= 300) {
    const err = (data ?? {}) as { code?: string; message?: string; details?: FieldProblem[] };
    if (status === 401) tokens.clear();
    throw new ApiError(status, err.code ?? `HTTP_${status}`, err.message ?? statusText, err.details);
  }
  return data as T;
}

/**
 * POSTs one file as multipart/form-data, reporting upload progress (which fetch cannot), with the
 * session's token and the Idempotency-Key; fails with the API's error like every other call.
 */
async function upload<T>(
  path: string,
  field: string,
  file: File,
  options: { idempotencyKey: string; onProgress(percent: number): void; /** Text form fields sent before the file (e.g. a qualification's declaration). */ fields?: Record<string, string> },
): Promise<T> {
  const token = await tokens.current();
  const body = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) body.append(name, value);
  body.append(field, file, file.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', options.idempotencyKey);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
    xhr.onload = () => {
      try {
        const result = settle<T>(xhr.status, xhr.statusText, xhr.responseText);
        options.onProgress(100);
        resolve(result);
      } catch (err) {
        reject(err);
      }
    };
    xhr.send(body);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, options: RequestOptions = {}) => send('GET', path, undefined, options).then((r) => parse<T>(r)),
  post: <T>(path: string, body: unknown = {}, options: RequestOptions = {}) => send('POST', path, body, options).then((r) => parse<T>(r)),
  put: <T>(path: string, body: unknown = {}, options: RequestOptions = {}) => send('PUT', path, body, options).then((r) => parse<T>(r)),
  delete: <T>(path: string, options: RequestOptions = {}) => send('DELETE', path, undefined, options).then((r) => parse<T>(r)),
  upload,
  /** Downloads a file the API serves behind authentication (statements, iCal) and saves it. */
  async download(path: string, filename: string, query?: RequestOptions['query']): Promise<void> {
    const res = await send('GET', path, undefined, { query });
    if (!res.ok) await parse(res);
    saveBlob(await res.blob(), filename);
  },
};

/** Hands a blob to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh Idempotency-Key (one per user intent; a retry of the same intent reuses it). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export async function login(email: string, password: string): Promise<void> {
  const pair = await api.post<TokenPair>('/auth/login', { email, password });
  tokens.set(pair);
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } finally {
    tokens.clear();
  }
}
