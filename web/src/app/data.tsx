import { Alert, Button } from 'antd';
import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { type ApiData, type ApiPath, type CallInit, type InitOptional, send } from './api';
import { errorText } from './errors';
import { useI18n } from './i18n';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload(): Promise<void>;
}

export interface LoadOptions {
  pollMs?: number;
  /** Reload when one of these changes (a refresh counter). */
  deps?: DependencyList;
}

/** A GET path of the API, e.g. `'/vouchers/{id}'`. */
export type GetPath = ApiPath<'get'>;
/** What a GET of `P` answers. */
export type GetData<P extends GetPath> = ApiData<'get', P>;
/** A GET's parameters (`{ params: { path, query } }`); `null` waits (nothing to load yet). */
export type GetInit<P extends GetPath> = Omit<CallInit<'get', P>, 'idempotencyKey'>;
/** The arguments after the path: the init, optional when the path needs no parameters; then options. */
export type GetArgs<P extends GetPath, O = LoadOptions> = InitOptional<'get', P> extends true ? [init?: GetInit<P> | null, options?: O] : [init: GetInit<P> | null, options?: O];

/** Loads a GET path (as a template with its init); the typed hooks below reduce to it. */
export function useLoad<T>(path: string, init: object | null | undefined, options: LoadOptions = {}): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(init !== null);
  const [error, setError] = useState<unknown>();
  const initKey = JSON.stringify(init);
  const live = useRef(true);
  // Loads can overlap (a reload after an action while an earlier load is still out); under load the
  // older answer may arrive last. Only the newest load may set the data, or the page would show the
  // state from before the action and wait for a change that never comes.
  const latest = useRef(0);
  const load = useCallback(async () => {
    if (init === null) return;
    const mine = ++latest.current;
    const current = () => live.current && mine === latest.current;
    setLoading(true);
    try {
      const result = (await send('get', path, init)) as T;
      if (current()) {
        setData(result);
        setError(undefined);
      }
    } catch (err) {
      if (current()) setError(err);
    } finally {
      if (current()) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, initKey, ...(options.deps ?? [])]);
  useEffect(() => {
    live.current = true;
    void load();
    const timer = options.pollMs ? setInterval(() => void load(), options.pollMs) : undefined;
    return () => {
      live.current = false;
      if (timer) clearInterval(timer);
    };
  }, [load, options.pollMs]);
  return { data, loading, error, reload: load };
}

/**
 * GETs a path of the API and reloads when it or its parameters change; `null` parameters wait, `pollMs` keeps it
 * fresh: `useApi('/vouchers/{id}', { params: { path: { id } } })`. The data's type is the path's answer.
 */
export function useApi<P extends GetPath>(path: P, ...[init, options]: GetArgs<P>): Loaded<GetData<P>> {
  return useLoad<GetData<P>>(path, init, options);
}

/** A record whose state queued work will change: polled while `moving` says so, until the state lands. */
export function useLive<P extends GetPath>(path: P, init: GetInit<P> | null, moving: (data: GetData<P>) => boolean, ms = 3000): Loaded<GetData<P>> {
  const [pollMs, setPollMs] = useState<number>();
  const loaded = useLoad<GetData<P>>(path, init, { pollMs });
  const isMoving = !!loaded.data && moving(loaded.data);
  useEffect(() => setPollMs(isMoving ? ms : undefined), [isMoving, ms]);
  return loaded;
}

/** GETs that rarely change (categories, a service's or programme's name), fetched once per page load. */
const cache = new Map<string, Promise<unknown>>();
function cachedGet(path: string, init: object | undefined): Promise<unknown> {
  const key = `${path} ${JSON.stringify(init ?? {})}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = send('get', path, init).catch((err: unknown) => {
      cache.delete(key);
      throw err;
    });
    cache.set(key, hit);
  }
  return hit;
}

/** The record, undefined while loading, null when it cannot be read (e.g. a withdrawn service). `null` init waits. */
export function useCached<P extends GetPath>(path: P, ...[init]: GetArgs<P, never>): GetData<P> | undefined | null {
  const [data, setData] = useState<GetData<P> | null>();
  const key = JSON.stringify(init);
  useEffect(() => {
    let live = true;
    setData(undefined);
    if (init !== null) void cachedGet(path, init).then((d) => live && setData(d as GetData<P>), () => live && setData(null));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, key]);
  return data;
}

/** The API's error shown where the data would be, with a retry. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, t)}
      action={retry ? <Button size="small" onClick={retry}>{t('action.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
