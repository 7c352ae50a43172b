import { ApiError } from './api';

type T = (key: string, vars?: Record<string, string | number>) => string;

/** What to tell a person about a failed call: the code's meaning in their language, then the API's own words. */
export function errorText(err: unknown, t: T): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t('error.NETWORK');
    const meaning = t(`error.${err.code}`);
    const known = meaning !== `error.${err.code}`;
    return known ? `${meaning}：${err.message}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
