import { Button, Empty, Select, Space, Typography } from 'antd';
import type { TableProps } from 'antd';
import { type HTMLAttributes, type ReactNode, useEffect, useState } from 'react';
import type { ParamsOf } from '../api';
import { PageHeader } from '../common';
import { type GetArgs, type GetData, type GetPath, LoadError, type Loaded, type LoadOptions, useLoad } from '../data';
import { useI18n } from '../i18n';
import { RefreshButton } from './refresh-button';
import { ResponsiveTable } from './responsive-table';

type Page<T> = readonly T[] | { items: readonly T[]; hasMore: boolean };
/** The row type of a list answer: `T[]` or `{items: T[], hasMore}`. */
export type Row<D> = D extends readonly (infer T)[] ? T : D extends { items: readonly (infer T)[] } ? T : never;
/** GET paths that answer a list. */
export type ListPath = { [P in GetPath]: GetData<P> extends Page<unknown> ? P : never }[GetPath];
/** A list's query parameters (`{ status, … }`). */
export type QueryOf<P extends GetPath> = ParamsOf<'get', P> extends { query?: infer Q } ? NonNullable<Q> : never;

/** One page of a list the API serves by limit/offset without a total. */
export interface PagedList<T> extends Omit<Loaded<unknown>, 'data'> {
  rows: T[];
  /** 1-based. */
  page: number;
  setPage(page: number): void;
  hasMore: boolean;
  pageSize: number;
}

export interface PageOptions extends LoadOptions {
  pageSize?: number;
}

/**
 * A page of a list the API serves by limit/offset: one row more than the page is asked for, to know whether a
 * next page exists (lists that answer `{items, hasMore}`, like the catalogue search, say so themselves).
 * A change of the path or parameters goes back to the first page; `deps` reload the current one; `null` waits.
 */
export function usePagedList<P extends ListPath>(path: P, ...[init, options]: GetArgs<P, PageOptions>): PagedList<Row<GetData<P>>> {
  return usePaged<Row<GetData<P>>>(path, init, options);
}

function usePaged<T>(path: string, init: { params?: object } | null | undefined, options: PageOptions = {}): PagedList<T> {
  const { pageSize = 20, pollMs, deps } = options;
  const [page, setPage] = useState(1);
  const initKey = JSON.stringify(init);
  useEffect(() => setPage(1), [path, initKey]);
  const params = (init?.params ?? {}) as { query?: object };
  const paged = init === null ? null : { ...init, params: { ...params, query: { ...params.query, limit: pageSize + 1, offset: (page - 1) * pageSize } } };
  const { data, ...loaded } = useLoad<Page<T>>(path, paged, { pollMs, deps });
  const all = data === undefined ? [] : 'items' in data ? data.items : data;
  const hasMore = all.length > pageSize || (data !== undefined && 'hasMore' in data && data.hasMore);
  return { ...loaded, rows: all.slice(0, pageSize), page, setPage, hasMore, pageSize };
}

/** Previous / next under a paged list, with the page number; hidden while everything fits on one page. */
export function Pager({ list }: { list: Pick<PagedList<unknown>, 'page' | 'setPage' | 'hasMore'> }) {
  const { t } = useI18n();
  if (list.page <= 1 && !list.hasMore) return null;
  return (
    <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }} data-testid="pager">
      <Button size="small" disabled={list.page <= 1} onClick={() => list.setPage(list.page - 1)}>
        {t('pager.prev')}
      </Button>
      <Typography.Text type="secondary">{t('pager.page', { page: list.page })}</Typography.Text>
      <Button size="small" disabled={!list.hasMore} onClick={() => list.setPage(list.page + 1)} data-testid="pager-next">
        {t('pager.next')}
      </Button>
    </Space>
  );
}

/** HTML attributes for a table row (antd's onRow), with a stable test id. */
export function rowProps(testId: string): HTMLAttributes<HTMLElement> {
  return { 'data-testid': testId } as HTMLAttributes<HTMLElement>;
}

export interface PagedTableProps<T> {
  /** The list, from usePagedList. */
  list: PagedList<T>;
  columns: TableProps<T>['columns'];
  rowKey?: TableProps<T>['rowKey'];
  rowSelection?: TableProps<T>['rowSelection'];
  onRow?: TableProps<T>['onRow'];
  testId?: string;
  emptyText?: ReactNode;
}

/** The one server-paged table: the API's error with a retry, the rows (cards on a phone), and previous / next. */
export function PagedTable<T extends object>({ list, columns, rowKey = 'id', rowSelection, onRow, testId, emptyText }: PagedTableProps<T>) {
  const { t } = useI18n();
  return (
    <>
      <LoadError error={list.error} retry={() => void list.reload()} />
      <ResponsiveTable<T>
        rowKey={rowKey}
        size="middle"
        loading={list.loading && list.rows.length === 0}
        columns={columns}
        dataSource={list.rows}
        pagination={false}
        rowSelection={rowSelection}
        onRow={onRow}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('common.empty')} /> }}
        data-testid={testId}
        scroll={{ x: 'max-content' }}
      />
      <Pager list={list} />
    </>
  );
}

/** List paths with a status filter. */
export type FilteredPath = { [P in ListPath]: QueryOf<P> extends { status?: unknown } ? P : never }[ListPath];
type StatusOf<P extends FilteredPath> = QueryOf<P> extends { status?: infer S } ? NonNullable<S> : never;

/** A list page: title, a status filter, refresh and the server-paged table. */
export function FilteredList<P extends FilteredPath>(props: Omit<PagedTableProps<Row<GetData<P>> & object>, 'list'> & { path: P; title: string; sub?: ReactNode; statuses: readonly (StatusOf<P> & string)[]; extra?: ReactNode }) {
  const { t, label } = useI18n();
  const { path, title, sub, statuses, extra, ...table } = props;
  const [status, setStatus] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const names: readonly string[] = statuses;
  const options = names.map((s) => ({ value: s, label: label('status', s) }));
  const list = usePaged<Row<GetData<P>> & object>(path, { params: { query: { status } } }, { deps: [refresh] });
  return (
    <>
      <PageHeader
        title={title}
        sub={sub}
        extra={
          <>
            <Select allowClear placeholder={t('common.status')} aria-label={t('common.status')} style={{ width: 160 }} value={status} onChange={setStatus} options={options} data-testid="status-filter" />
            <RefreshButton onClick={() => setRefresh((n) => n + 1)} />
            {extra}
          </>
        }
      />
      <PagedTable<Row<GetData<P>> & object> {...table} list={list} />
    </>
  );
}
