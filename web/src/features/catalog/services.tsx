import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { useCached } from '../../app/data';
import { localName, useI18n } from '../../app/i18n';

/** A service of the catalogue, as the enterprise's search and the lab's own list show it. */
export type CatalogService = Schema<'CatalogServiceDto'>;

/** The catalogue's categories: names in the reader's language and select options. */
export function useCategories() {
  const { lang } = useI18n();
  const categories = useCached('/catalog/categories') ?? [];
  const name = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? (localName(lang, c.name, c.nameEn) ?? code) : code;
  };
  const options = categories.map((c) => ({ value: c.code, label: localName(lang, c.name, c.nameEn) ?? c.code }));
  return { options, name };
}

/** A catalogue service's name (its link when `to` is given). */
export function ServiceName({ id, to }: { id: string; to?: string }) {
  const service = useCached('/catalog/services/{id}', { params: { path: { id } } });
  const text = service ? service.name : service === null ? '—' : '…';
  return to ? <Link to={to}>{text}</Link> : <>{text}</>;
}

export function ServiceProvider({ id }: { id: string }) {
  const service = useCached('/catalog/services/{id}', { params: { path: { id } } });
  return <>{service ? service.providerName : service === null ? '—' : '…'}</>;
}

export type CatalogSearchQuery = { q?: string; category?: string; regionCode?: string; providerId?: string; recognisedOnly?: boolean };
type SearchAnswer = Schema<'CatalogSearchResultDto'>;

/**
 * Catalogue search, page after page by the API's cursor ("load more"): the services so far, the
 * first page's total and facets (exact, or estimates the API flags as approximate), and `more()`.
 */
export function useCatalogSearch(query: CatalogSearchQuery, pageSize = 20) {
  const [pages, setPages] = useState<SearchAnswer[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify(query);
  // Only the newest request may set the pages: a query typed while the previous one loads replaces it.
  const latest = useRef(0);
  const fetchPage = useCallback(
    (cursor: string | undefined) => {
      const mine = ++latest.current;
      setLoading(true);
      api
        .get('/catalog/services', { params: { query: { ...query, limit: pageSize, cursor } } })
        .then((answer) => {
          if (mine !== latest.current) return;
          setPages((before) => (cursor ? [...before, answer] : [answer]));
          setError(undefined);
        })
        .catch((err: unknown) => mine === latest.current && setError(err))
        .finally(() => mine === latest.current && setLoading(false));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, pageSize],
  );
  useEffect(() => {
    setPages([]);
    fetchPage(undefined);
  }, [fetchPage, reloads]);
  const last = pages[pages.length - 1];
  return {
    rows: pages.flatMap((p) => p.items),
    first: pages[0] as SearchAnswer | undefined,
    hasMore: !!last?.nextCursor,
    more: () => last?.nextCursor && fetchPage(last.nextCursor),
    loading,
    error,
    reload: () => setReloads((n) => n + 1),
  };
}

/** "About 27,000 results" when the API estimated the total, "123 results" when it counted them. */
export function ResultCount({ answer }: { answer: SearchAnswer | undefined }) {
  const { t, lang } = useI18n();
  if (!answer) return null;
  const n = answer.total.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
  return <span data-testid="catalog-total">{t(answer.totalApproximate ? 'catalog.search.about' : 'catalog.search.exactly', { n })}</span>;
}
