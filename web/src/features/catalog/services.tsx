import { Link } from 'react-router-dom';
import type { Schema } from '../../app/api';
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
