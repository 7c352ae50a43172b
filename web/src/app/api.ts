/**
 * The one HTTP client of the portal, generated from the API's OpenAPI document (api-schema.ts,
 * `npm run api:generate`) through openapi-fetch: paths are the document's templates below /api/v1
 * (`api.get('/vouchers/{id}', { params: { path: { id } } })`), and their parameters, bodies and answers are
 * typed from it. Bearer tokens with silent refresh, Idempotency-Key, the API's error body as ApiError.
 */
import createClient, { type ClientPathsWithMethod, createFinalURL, defaultPathSerializer, type MaybeOptionalInit, type MethodResponse } from 'openapi-fetch';
import type { components, paths } from './api-schema';

/**
 * A response or request shape of the API, generated from its OpenAPI document: `Schema<'VoucherDto'>`.
 * Components name their props with it; calls get their types from the path.
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

  /**
   * Whether a retry of the same intent must send the same Idempotency-Key: the request may have been carried out
   * (the answer was lost, it is still running, or the server failed after its change committed) or nothing was done
   * for a reason that passes (a rate limit). A new key would risk carrying the change out twice. A refusal (any other
   * 4xx) did nothing, and the next attempt is a new intent.
   */
  get keepsIdempotencyKey(): boolean {
    return this.code === 'NETWORK' || this.code === IN_PROGRESS || this.status === 429 || this.status >= 500;
  }
}

/** The answer to a request whose Idempotency-Key is held by an attempt still running (or whose answer is being written). */
const IN_PROGRESS: Schema<'ErrorBody'>['code'] = 'IDEMPOTENCY_IN_PROGRESS';
/**
 * How long a call keeps asking again, with the same key, while its first attempt is in progress: past the server's
 * claim lease (60 s), after which a retry takes over the key of an attempt whose process died.
 */
const IN_PROGRESS_PATIENCE_MS = 75_000;

/**
 * Sends `attempt` again with its Idempotency-Key, after the server's Retry-After (1 s when it names none), for as long
 * as the server answers that an attempt under that key is still in progress; then answers what `attempt` answered.
 */
async function untilSettled<T>(attempt: () => Promise<{ error?: ApiError; retryAfter: string | null; value?: T }>, signal?: AbortSignal | null): Promise<T> {
  const deadline = Date.now() + IN_PROGRESS_PATIENCE_MS;
  for (;;) {
    const { error, retryAfter, value } = await attempt();
    if (!error) return value as T;
    if (error.code !== IN_PROGRESS || Date.now() >= deadline) throw error;
    const seconds = Number(retryAfter);
    await pause(Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) * 1000 : 1000, signal);
  }
}

function pause(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    }, { once: true });
  });
}

/** The API's operations by their path below /api/v1 (as the server's controllers name them). */
export type ApiPaths = { [P in keyof paths as P extends `/api/v1${infer Rest}` ? Rest : never]: paths[P] };
const BASE = '/api/v1';

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
  /** The current access token (for a connection that needs it in a header, like the queue event stream). */
  async current(): Promise<string | undefined> {
    if (!accessToken && sessionStorage.getItem(REFRESH_KEY)) await refresh();
    return accessToken;
  },
};

/** Query strings as the API reads them: empty values left out, arrays as repeated keys. */
function querySerializer(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
  }
  return params.toString();
}

/** Refreshing goes without the session's token (and without refresh on 401, which would loop). */
const plain = createClient<ApiPaths>({ baseUrl: BASE });

async function refresh(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return false;
  refreshing ??= (async () => {
    try {
      const { data, response } = await plain.POST('/auth/refresh', { body: { refreshToken } });
      if (!response.ok || !data) {
        tokens.clear();
        return false;
      }
      tokens.set(data);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** One request with the session's token; a network failure is ApiError(0, 'NETWORK'), an abort stays an abort. */
async function withToken(request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
  try {
    return await fetch(new Request(request, { headers }));
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'network');
  }
}

/** openapi-fetch's fetch: signs in silently when only a refresh token is left, and once more after a 401. */
async function authFetch(request: Request): Promise<Response> {
  if (!accessToken) await refresh();
  const again = request.clone();
  const res = await withToken(request);
  if (res.status === 401 && sessionStorage.getItem(REFRESH_KEY) && (await refresh())) return withToken(again);
  return res;
}

const client = createClient<ApiPaths>({ baseUrl: BASE, fetch: authFetch, querySerializer, headers: { Accept: 'application/json' } });

type Client = typeof client;
export type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';
/** The paths that answer `method`, e.g. `ApiPath<'get'>`. */
export type ApiPath<M extends Method> = ClientPathsWithMethod<Client, M>;
type Nothing<T> = [T] extends [never] ? void : T;
/** What a successful call answers (void for 204). */
export type ApiData<M extends Method, P extends ApiPath<M>> = Nothing<MethodResponse<Client, M, P>>;
type OpenApiInit<M extends Method, P extends ApiPath<M>> = MaybeOptionalInit<ApiPaths[P], M>;
/** A call's parameters (`params: {path, query}`), its `body`, and the Idempotency-Key of a state change. */
export type CallInit<M extends Method, P extends ApiPath<M>> = NonNullable<OpenApiInit<M, P>> & { idempotencyKey?: string };
/** True when the operation needs no parameters nor body. */
export type InitOptional<M extends Method, P extends ApiPath<M>> = undefined extends OpenApiInit<M, P> ? true : false;
/** The init argument: optional when the operation needs no parameters nor body. */
export type CallArgs<M extends Method, P extends ApiPath<M>> = undefined extends OpenApiInit<M, P> ? [init?: CallInit<M, P>] : [init: CallInit<M, P>];

/** The `params` of a call (`{path, query}`). */
export type ParamsOf<M extends Method, P extends ApiPath<M>> = CallInit<M, P> extends { params?: infer X } ? X : never;

/** What the typed calls reduce to; the types were checked at the call site. */
export interface LooseInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  parseAs?: 'json' | 'blob';
  bodySerializer?: (body: unknown) => BodyInit;
}
type LooseRequest = (method: Method, path: string, init?: Omit<LooseInit, 'idempotencyKey'>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const request = client.request as unknown as LooseRequest;

/** The API's error body (or what came instead) as an ApiError; a 401 also ends the session. */
function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const err = (body && typeof body === 'object' ? body : {}) as { code?: string; message?: string; details?: FieldProblem[] };
  if (status === 401) tokens.clear();
  return new ApiError(status, err.code ?? `HTTP_${status}`, err.message ?? statusText, err.details);
}

/**
 * A call by path template and loose parameters: the data on success, ApiError otherwise. A state change with an
 * Idempotency-Key whose earlier attempt is still in progress is asked again until it has its answer (untilSettled; a
 * request without a key is never told so, and gets its first answer).
 */
export async function send(method: Method, path: string, init: object = {}): Promise<unknown> {
  const { idempotencyKey, headers, ...rest } = init as LooseInit;
  const attempt = async () => {
    const { data, error, response } = await request(method, path, { ...rest, headers: { ...headers, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) } });
    const retryAfter = response.headers.get('Retry-After');
    return response.ok ? { value: data, retryAfter } : { error: toApiError(response.status, response.statusText, error), retryAfter };
  };
  return untilSettled(attempt, rest.signal);
}

/** The URL of a path template with its parameters (for requests made outside openapi-fetch). */
function urlOf(path: string, params: LooseInit['params'] = {}): string {
  return createFinalURL(path, { baseUrl: BASE, params, querySerializer, pathSerializer: defaultPathSerializer });
}

function typed<M extends Method>(method: M) {
  return <P extends ApiPath<M>>(path: P, ...init: CallArgs<M, P>) => send(method, path, init[0]) as Promise<ApiData<M, P>>;
}

/**
 * POSTs one file as multipart/form-data, reporting upload progress (which fetch cannot), with the
 * session's token and the Idempotency-Key; fails with the API's error like every other call.
 */
async function upload<P extends ApiPath<'post'>>(
  path: P,
  params: ParamsOf<'post', P> | undefined,
  file: { field: string; file: File; /** Text form fields sent before the file (e.g. a qualification's declaration); undefined ones are left out. */ fields?: Record<string, string | undefined> },
  options: { idempotencyKey: string; onProgress(percent: number): void },
): Promise<ApiData<'post', P>> {
  const token = await tokens.current();
  const body = new FormData();
  for (const [name, value] of Object.entries(file.fields ?? {})) if (value !== undefined) body.append(name, value);
  body.append(file.field, file.file, file.file.name);
  const attempt = () => new Promise<{ error?: ApiError; retryAfter: string | null; value?: ApiData<'post', P> }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlOf(path, (params ?? {}) as LooseInit['params']));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', options.idempotencyKey);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
    xhr.onload = () => {
      const data = xhr.responseText ? safeJson(xhr.responseText) : undefined;
      const retryAfter = xhr.getResponseHeader('Retry-After');
      if (xhr.status < 200 || xhr.status >= 300) {
        resolve({ error: toApiError(xhr.status, xhr.statusText, data), retryAfter });
        return;
      }
      options.onProgress(100);
      resolve({ value: data as ApiData<'post', P>, retryAfter });
    };
    xhr.send(body);
  });
  return untilSettled(attempt);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: typed('get'),
  post: typed('post'),
  put: typed('put'),
  patch: typed('patch'),
  delete: typed('delete'),
  upload,
  /** POSTs a file as the raw body (a CSV or XLSX import), typed by path like the other calls; `params` carries its query. */
  postFile<P extends ApiPath<'post'>>(path: P, file: Blob, contentType: string, init: { signal?: AbortSignal; params?: { query?: Record<string, unknown> } } = {}) {
    return send('post', path, { ...init, body: file, headers: { 'Content-Type': contentType }, bodySerializer: (b: unknown) => b as Blob }) as Promise<ApiData<'post', P>>;
  },
  /** Downloads a file the API serves behind authentication (statements, iCal, certificates) and saves it. */
  download<P extends ApiPath<'get'>>(path: P, filename: string, ...init: CallArgs<'get', P>): Promise<void> {
    return downloadFile(path, filename, init[0]);
  },
};

/** GETs a file by path template and loose parameters (typed by the caller) and saves it as `filename`. */
export async function downloadFile(path: string, filename: string, init: object = {}): Promise<void> {
  const blob = await send('get', path, { ...init, parseAs: 'blob', headers: { Accept: '*/*' } });
  saveBlob(blob as Blob, filename);
}

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
  tokens.set(await api.post('/auth/login', { body: { email, password } }));
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout');
  } finally {
    tokens.clear();
  }
}
