import { useEffect, useMemo, useState } from 'react';
import { api } from './api';
import { localName, useI18n } from './i18n';
import type { Schema } from './api';

/** A region the platform serves (GET /regions): the issuing regions and what lies under them, the G60 and partner regions. */
export type Region = Schema<'RegionDto'>;

let regionsPromise: Promise<Region[]> | undefined;
const listeners = new Set<(regions: Region[]) => void>();

/** The region list, fetched once per page load (it is public and small); a failed fetch is retried on next use. */
function loadRegions(): Promise<Region[]> {
  regionsPromise ??= api.get('/regions').catch((err: unknown) => {
    regionsPromise = undefined;
    throw err;
  });
  return regionsPromise;
}

/** Fetches the list again and updates every mounted useRegions (after a platform admin changed a region). */
export function refreshRegions(): void {
  regionsPromise = undefined;
  loadRegions()
    .then((r) => listeners.forEach((listener) => listener(r)))
    .catch(() => undefined);
}

/** Regions with their names in the reader's language, lineage checks and select options. */
export function useRegions() {
  const { lang } = useI18n();
  const [regions, setRegions] = useState<Region[]>([]);
  useEffect(() => {
    let live = true;
    loadRegions().then((r) => live && setRegions(r)).catch(() => undefined);
    listeners.add(setRegions);
    return () => {
      live = false;
      listeners.delete(setRegions);
    };
  }, []);
  return useMemo(() => {
    const byCode = new Map(regions.map((r) => [r.code, r]));
    const name = (code: string | null | undefined, fallback?: string) => {
      if (!code) return '—';
      const r = byCode.get(code);
      return r ? (localName(lang, r.name, r.nameEn) ?? code) : (fallback ?? code);
    };
    /** True when `code` is `ancestor` or lies under it. */
    const within = (code: string, ancestor: string) => {
      for (let c: string | null | undefined = code; c; c = byCode.get(c)?.parentCode) if (c === ancestor) return true;
      return false;
    };
    /** Select options labelled "name（code）", so people can search by either. */
    const options = (filter: (r: Region) => boolean = () => true) => regions.filter(filter).map((r) => ({ value: r.code, label: `${name(r.code)}（${r.code}）` }));
    return { regions, name, within, options };
  }, [regions, lang]);
}

export function RegionName({ code }: { code: string | null | undefined }) {
  return <>{useRegions().name(code)}</>;
}
