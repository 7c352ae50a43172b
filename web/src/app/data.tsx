import { Alert, Button } from 'antd';
import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { api, RequestOptions } from './api';
import { errorText } from './errors';
import { useI18n } from './i18n';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload(): Promise<void>;
}

/** GETs a path (undefined: wait) and reloads when it or the query changes; `pollMs` keeps it fresh. */
export function useApi<T>(path: string | undefined, query?: RequestOptions['query'], options: { pollMs?: number; deps?: DependencyList } = {}): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(!!path);
  const [error, setError] = useState<unknown>();
  const queryKey = JSON.stringify(query ?? {});
  const live = useRef(true);
  // Loads can overlap (a reload after an action while an earlier load is still out); under load the
  // older answer may arrive last. Only the newest load may set the data, or the page would show the
  // state from before the action and wait for a change that never comes.
  const latest = useRef(0);
  const load = useCallback(async () => {
    if (!path) return;
    const mine = ++latest.current;
    const current = () => live.current && mine === latest.current;
    setLoading(true);
    try {
      const result = await api.get<T>(path, { query });
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
  }, [path, queryKey, ...(options.deps ?? [])]);
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

/** A record whose state queued work will change: polled while `moving` says so, until the state lands. */
export function useLive<T>(path: string | undefined, moving: (data: T) => boolean, ms = 3000): Loaded<T> {
  const [pollMs, setPollMs] = useState<number>();
  const loaded = useApi<T>(path, undefined, { pollMs });
  const isMoving = !!loaded.data && moving(loaded.data);
  useEffect(() => setPollMs(isMoving ? ms : undefined), [isMoving, ms]);
  return loaded;
}

/** GETs that rarely change (categories, a service's or programme's name), fetched once per page load. */
const cache = new Map<string, Promise<unknown>>();
function cachedGet<T>(path: string): Promise<T> {
  let hit = cache.get(path);
  if (!hit) {
    hit = api.get<T>(path).catch((err: unknown) => {
      cache.delete(path);
      throw err;
    });
    cache.set(path, hit);
  }
  return hit as Promise<T>;
}

/** The record, undefined while loading, null when it cannot be read (e.g. a withdrawn service). */
export function useCached<T>(path: string | undefined): T | undefined | null {
  const [data, setData] = useState<T | null>();
  useEffect(() => {
    let live = true;
    setData(undefined);
    if (path) void cachedGet<T>(path).then((d) => live && setData(d), () => live && setData(null));
    return () => {
      live = false;
    };
  }, [path]);
  return data;
}
