import { Checkbox, Empty, Grid, Spin, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { HTMLAttributes, Key, ReactNode } from 'react';
import { useI18n } from '../i18n';

/**
 * antd's Table on a desktop; on a phone (below `sm`, 576 px) each row becomes a card that lists the columns as
 * label / value pairs, so no table scrolls sideways (web/README.md, "Phones"). A drop-in for `Table`: the same
 * columns (title, dataIndex, render), rowKey, onRow (its test id and click land on the card), loading and
 * emptyText. A row's expanded part (`expandable.expandedRowRender`) folds into its card as a "Details" disclosure
 * (open when the row is in `defaultExpandedRowKeys`). Rows that can be selected (`rowSelection`: keys, onChange,
 * getCheckboxProps) get a checkbox on their card, and the cards a "select all on this page" above them.
 */
export function ResponsiveTable<T extends object>(props: TableProps<T>) {
  const phone = Grid.useBreakpoint().sm === false;
  if (!phone) return <Table<T> {...props} />;
  return <RowCards<T> {...props} />;
}

type Column<T> = TableColumnsType<T>[number];

/** The leaf columns, groups flattened (a group's title prefixes its children's). */
function leaves<T>(columns: readonly Column<T>[] = [], prefix = ''): { column: Column<T>; title: ReactNode }[] {
  return columns.flatMap((column) => {
    const title = typeof column.title === 'function' ? column.title({}) : column.title;
    if ('children' in column && column.children) return leaves<T>(column.children, typeof title === 'string' ? `${prefix}${title} · ` : prefix);
    return [{ column, title: prefix && typeof title === 'string' ? `${prefix}${title}` : title }];
  });
}

function valueOf(record: object, dataIndex: unknown): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k as string] : undefined), record);
}

function keyOf<T extends object>(record: T, index: number, rowKey: TableProps<T>['rowKey']): Key {
  if (typeof rowKey === 'function') return rowKey(record, index);
  const k = valueOf(record, rowKey ?? 'key');
  return typeof k === 'string' || typeof k === 'number' ? k : index;
}

/** What a cell shows: the column's render (a `{children}` cell object gives its children) or the raw value. */
function cellOf<T extends object>(column: Column<T>, record: T, index: number): ReactNode {
  const raw = valueOf(record, 'dataIndex' in column ? column.dataIndex : undefined);
  const shown = column.render ? column.render(raw, record, index) : raw;
  if (shown !== null && typeof shown === 'object' && 'children' in shown && !('$$typeof' in shown)) return (shown as { children: ReactNode }).children;
  return shown as ReactNode;
}

function RowCards<T extends object>({ columns, dataSource, rowKey = 'key', onRow, loading, locale, expandable, rowSelection, ...rest }: TableProps<T>) {
  const { t } = useI18n();
  const testId = (rest as { 'data-testid'?: string })['data-testid'];
  const rows = dataSource ?? [];
  const cols = leaves<T>(columns ?? []).filter(({ column }) => !column.hidden);
  // A column without a title (the row's actions) spans the card under the labelled values.
  const untitled = (title: ReactNode) => title === undefined || title === null || title === '';
  const fields = cols.filter((c) => !untitled(c.title));
  const actions = cols.filter((c) => untitled(c.title));
  const busy = typeof loading === 'object' ? loading.spinning : loading;
  const empty = typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText;
  // Selection as antd's Table does it: the selected keys are the caller's; onChange gets the new keys and their rows.
  const selected = new Set<Key>(rowSelection?.selectedRowKeys ?? []);
  const keyed = rows.map((record, index) => ({ record, key: keyOf(record, index, rowKey) }));
  const enabled = keyed.filter(({ record }) => !rowSelection?.getCheckboxProps?.(record)?.disabled);
  const select = (keys: Set<Key>) => {
    const rowsOf = keyed.filter(({ key }) => keys.has(key)).map(({ record }) => record);
    rowSelection?.onChange?.([...keys], rowsOf, { type: 'multiple' });
  };
  const allOnPage = enabled.length > 0 && enabled.every(({ key }) => selected.has(key));
  const radio = rowSelection?.type === 'radio';
  return (
    <Spin spinning={busy === true}>
      <ul className="g60-row-cards" data-testid={testId}>
        {rowSelection && !radio && enabled.length > 0 && (
          <li className="g60-row-cards-select-all">
            <Checkbox
              checked={allOnPage}
              indeterminate={!allOnPage && enabled.some(({ key }) => selected.has(key))}
              onChange={(e) => {
                const next = new Set(selected);
                for (const { key } of enabled) if (e.target.checked) next.add(key); else next.delete(key);
                select(next);
              }}
              data-testid="select-page"
            >
              {t('common.selectPage')}
            </Checkbox>
          </li>
        )}
        {rows.length === 0 && !busy && <li className="g60-row-cards-empty">{empty ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />}</li>}
        {keyed.map(({ record, key }, index) => {
          const attrs = (onRow?.(record, index) ?? {}) as HTMLAttributes<HTMLLIElement>;
          const expand = expandable?.expandedRowRender && (expandable.rowExpandable?.(record) ?? true) ? expandable.expandedRowRender : undefined;
          return (
            <li key={key} {...attrs} className={['g60-row-card', attrs.className].filter(Boolean).join(' ')}>
              {rowSelection && (
                <Checkbox
                  className="g60-row-card-select"
                  checked={selected.has(key)}
                  disabled={rowSelection.getCheckboxProps?.(record)?.disabled}
                  onChange={(e) => {
                    const next = radio ? new Set<Key>() : new Set(selected);
                    if (e.target.checked) next.add(key); else next.delete(key);
                    select(next);
                  }}
                  data-testid="select-row"
                >
                  {t('common.selectRow')}
                </Checkbox>
              )}
              <dl>
                {fields.map(({ column, title }, c) => (
                  <div key={String(column.key ?? ('dataIndex' in column ? String(column.dataIndex) : c))} className="g60-row-card-field">
                    <dt>{title}</dt>
                    <dd>{cellOf(column, record, index) ?? '—'}</dd>
                  </div>
                ))}
              </dl>
              {expand && (
                <details className="g60-row-card-details" open={expandable?.defaultExpandedRowKeys?.includes(key)}>
                  <summary>{t('common.details')}</summary>
                  {expand(record, index, 0, true)}
                </details>
              )}
              {actions.map(({ column }, c) => (
                <div key={String(column.key ?? c)} className="g60-row-card-actions">
                  {cellOf(column, record, index)}
                </div>
              ))}
            </li>
          );
        })}
      </ul>
    </Spin>
  );
}
