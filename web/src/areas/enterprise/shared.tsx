import { ReloadOutlined } from '@ant-design/icons';
import { Button, Select, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import type { Schema } from '../../app/api';
export { useRegions } from '../../app/regions';

/** Records of the voucher and catalogue API, as the enterprise and lab pages read them. */
export type Program = Schema<'ProgramDto'>;

export type Application = Schema<'ApplicationDto'>;

export type Voucher = Schema<'VoucherDto'>;

export type CatalogService = Schema<'CatalogServiceDto'>;

export type Order = Schema<'OrderDto'>;

export type Claim = Schema<'ClaimDto'>;

type Category = Schema<'ServiceCategoryDto'>;

/** GETs that rarely change (regions, categories, a service's or programme's name), fetched once per page load. */
const cache = new Map<string, Promise<unknown>>();
function cachedGet<T>(path: string): Promise<T> {
  let hit = cache.get(path);
  if (!hit) {
    hit = api.get<T>(path).catch((err) => {
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

export function useCategories() {
  const { lang } = useI18n();
  const categories = useCached<Category[]>('/catalog/categories') ?? [];
  const name = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? (lang === 'zh' ? c.name : c.nameEn) : code;
  };
  const options = categories.map((c) => ({ value: c.code, label: lang === 'zh' ? c.name : c.nameEn }));
  return { options, name };
}

export function useProgram(id: string | null | undefined): Program | undefined {
  return useCached<Program>(id ? `/programs/${id}` : undefined) ?? undefined;
}

/** A catalogue service's name (its link when `to` is given). */
export function ServiceName({ id, to }: { id: string; to?: string }) {
  const service = useCached<CatalogService>(`/catalog/services/${id}`);
  const text = service ? service.name : service === null ? '—' : '…';
  return to ? <Link to={to}>{text}</Link> : <>{text}</>;
}

export function ServiceProvider({ id }: { id: string }) {
  const service = useCached<CatalogService>(`/catalog/services/${id}`);
  return <>{service ? service.providerName : service === null ? '—' : '…'}</>;
}

export function ProgramName({ id }: { id: string }) {
  const program = useCached<Program>(`/programs/${id}`);
  return <>{program ? program.name : program === null ? '—' : '…'}</>;
}

/** A record whose state queued work will change: polled while `moving` says so, until the state lands. */
export function useLive<T>(path: string | undefined, moving: (data: T) => boolean, ms = 3000) {
  const [pollMs, setPollMs] = useState<number>();
  const loaded = useApi<T>(path, undefined, { pollMs });
  const isMoving = !!loaded.data && moving(loaded.data);
  useEffect(() => setPollMs(isMoving ? ms : undefined), [isMoving, ms]);
  return loaded;
}

/** A status tag that also knows the few states the shared words lack (a clawed-back claim, a case being pre-checked). */
export function StateTag({ status }: { status: string | null | undefined }) {
  const { t, label } = useI18n();
  if (status && label('status', status) === status) {
    const own = t(`enterprise.state.${status}`);
    return <Tag data-status={status}>{own.startsWith('enterprise.state.') ? status : own}</Tag>;
  }
  return <StatusTag status={status} />;
}

export function RefreshButton({ onClick, loading }: { onClick(): void; loading?: boolean }) {
  const { t } = useI18n();
  return (
    <Button icon={<ReloadOutlined />} onClick={onClick} loading={loading} data-testid="refresh">
      {t('action.refresh')}
    </Button>
  );
}

export interface PagedTableProps<T> {
  /** The list endpoint; it takes limit/offset and answers an array or `{items, hasMore}`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  columns: TableProps<T>['columns'];
  pageSize?: number;
  /** Changing it reloads the current page. */
  refreshKey?: unknown;
  pollMs?: number;
  testId?: string;
  emptyText?: string;
  rowKey?: TableProps<T>['rowKey'];
}

/** A server-paged table for lists that can grow long: asks one row more than a page to know whether another follows. */
export function PagedTable<T extends object>({ path, query, columns, pageSize = 20, refreshKey, pollMs, testId, emptyText, rowKey = 'id' }: PagedTableProps<T>) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const queryKey = JSON.stringify(query ?? {});
  useEffect(() => setPage(1), [path, queryKey]);
  const isSearch = path.startsWith('/catalog/services');
  // Search pages are at most 100 and report hasMore; the other lists answer arrays, so ask one more.
  const data = useApi<T[] | { items: T[]; hasMore: boolean }>(
    path,
    { ...query, limit: isSearch ? pageSize : pageSize + 1, offset: (page - 1) * pageSize },
    { pollMs, deps: [refreshKey] },
  );
  const raw = data.data;
  const items = Array.isArray(raw) ? raw.slice(0, pageSize) : raw?.items ?? [];
  const hasMore = Array.isArray(raw) ? raw.length > pageSize : !!raw?.hasMore;
  return (
    <>
      <LoadError error={data.error} retry={() => void data.reload()} />
      <Table<T>
        rowKey={rowKey}
        size="middle"
        loading={data.loading && !raw}
        columns={columns}
        dataSource={items}
        locale={{ emptyText: emptyText ?? t('common.empty') }}
        data-testid={testId}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: (page - 1) * pageSize + items.length + (hasMore ? 1 : 0),
          showSizeChanger: false,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
      />
    </>
  );
}

/** The header of one record's page: its title and number, its status, refresh, and the actions allowed now. */
export function RecordHeader(props: { title: string; number?: string; status?: ReactNode; onRefresh(): void; loading?: boolean; extra?: ReactNode }) {
  return (
    <PageHeader
      title={<>{props.title} <span data-testid="record-number">{props.number}</span></>}
      sub={props.status && <span data-testid="record-status">{props.status}</span>}
      extra={
        <>
          <RefreshButton onClick={props.onRefresh} loading={props.loading} />
          {props.extra}
        </>
      }
    />
  );
}

/** A list page: title, a status filter, refresh and the server-paged table. */
export function FilteredList<T extends object>(props: Omit<PagedTableProps<T>, 'refreshKey' | 'query'> & { title: string; sub?: ReactNode; statuses: string[]; extra?: ReactNode }) {
  const { t, label } = useI18n();
  const { title, sub, statuses, extra, ...table } = props;
  const [status, setStatus] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const stateLabel = (s: string) => (label('status', s) === s ? t(`enterprise.state.${s}`) : label('status', s));
  return (
    <>
      <PageHeader
        title={title}
        sub={sub}
        extra={
          <>
            <Select allowClear placeholder={t('common.status')} style={{ width: 160 }} value={status} onChange={setStatus} options={statuses.map((s) => ({ value: s, label: stateLabel(s) }))} data-testid="status-filter" />
            <RefreshButton onClick={() => setRefresh((n) => n + 1)} />
            {extra}
          </>
        }
      />
      <PagedTable<T> {...table} query={{ status }} refreshKey={refresh} />
    </>
  );
}
