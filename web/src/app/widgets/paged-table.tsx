import { Button, Empty, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { type DependencyList, type HTMLAttributes, type ReactNode, useEffect, useState } from 'react';
import type { RequestOptions } from '../api';
import { PageHeader } from '../common';
import { LoadError, type Loaded, useApi } from '../data';
import { useI18n } from '../i18n';
import { RefreshButton } from './refresh-button';

export type Query = NonNullable<RequestOptions['query']>;

/** One page of a list the API serves by limit/offset without a total. */
export interface PagedList<T> extends Omit<Loaded<T[] | { items: T[]; hasMore: boolean }>, 'data'> {
  rows: T[];
  /** 1-based. */
  page: number;
  setPage(page: number): void;
  hasMore: boolean;
  pageSize: number;
}

/**
 * A page of a list the API serves by limit/offset: one row more than the page is asked for, to know whether a
 * next page exists (lists that answer `{items, hasMore}`, like the catalogue search, say so themselves).
 * A change of the path or query goes back to the first page; `deps` reload the current one.
 */
export function usePagedList<T>(path: string | undefined, query: Query = {}, options: { pageSize?: number; pollMs?: number; deps?: DependencyList } = {}): PagedList<T> {
  const { pageSize = 20, pollMs, deps } = options;
  const [page, setPage] = useState(1);
  const queryKey = JSON.stringify(query);
  useEffect(() => setPage(1), [path, queryKey]);
  const { data, ...loaded } = useApi<T[] | { items: T[]; hasMore: boolean }>(path, { ...query, limit: pageSize + 1, offset: (page - 1) * pageSize }, { pollMs, deps });
  const all = Array.isArray(data) ? data : data?.items ?? [];
  const hasMore = all.length > pageSize || (!Array.isArray(data) && !!data?.hasMore);
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
  /** A list from usePagedList (when the page needs its rows too), or the endpoint and query to page through. */
  list?: PagedList<T>;
  path?: string;
  query?: Query;
  pageSize?: number;
  /** Changing it reloads the current page. */
  refreshKey?: unknown;
  pollMs?: number;
  columns: TableProps<T>['columns'];
  rowKey?: TableProps<T>['rowKey'];
  rowSelection?: TableProps<T>['rowSelection'];
  onRow?: TableProps<T>['onRow'];
  testId?: string;
  emptyText?: ReactNode;
}

/** The one server-paged table: the API's error with a retry, the rows, and previous / next. */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  return props.list ? <PagedRows {...props} list={props.list} /> : <PathTable {...props} />;
}

function PathTable<T extends object>(props: PagedTableProps<T>) {
  const list = usePagedList<T>(props.path, props.query, { pageSize: props.pageSize, pollMs: props.pollMs, deps: [props.refreshKey] });
  return <PagedRows {...props} list={list} />;
}

function PagedRows<T extends object>({ list, columns, rowKey = 'id', rowSelection, onRow, testId, emptyText }: PagedTableProps<T> & { list: PagedList<T> }) {
  const { t } = useI18n();
  return (
    <>
      <LoadError error={list.error} retry={() => void list.reload()} />
      <Table<T>
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

/** A list page: title, a status filter, refresh and the server-paged table. */
export function FilteredList<T extends object>(props: Omit<PagedTableProps<T>, 'refreshKey' | 'query' | 'list'> & { path: string; title: string; sub?: ReactNode; statuses: string[]; extra?: ReactNode }) {
  const { t, label } = useI18n();
  const { title, sub, statuses, extra, ...table } = props;
  const [status, setStatus] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <PageHeader
        title={title}
        sub={sub}
        extra={
          <>
            <Select allowClear placeholder={t('common.status')} style={{ width: 160 }} value={status} onChange={setStatus} options={statuses.map((s) => ({ value: s, label: label('status', s) }))} data-testid="status-filter" />
            <RefreshButton onClick={() => setRefresh((n) => n + 1)} />
            {extra}
          </>
        }
      />
      <PagedTable<T> {...table} query={{ status }} refreshKey={refresh} />
    </>
  );
}
