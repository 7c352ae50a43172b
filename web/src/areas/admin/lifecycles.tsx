import { Card, Collapse, Space, Table, Tag, Typography } from 'antd';
import type { Schema } from '../../app/api';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';

type Lifecycle = Schema<'LifecycleDto'>;
type Transition = Schema<'LifecycleTransitionDto'>;

function StateCode({ state, lifecycle }: { state: string; lifecycle: Lifecycle }) {
  const color = lifecycle.initial.includes(state) ? 'blue' : lifecycle.final.includes(state) ? 'default' : 'green';
  return <Tag color={color} data-state={state}>{state}</Tag>;
}

/** One lifecycle: its states (start, in between, final) and the table of allowed transitions. */
function LifecycleTable({ lifecycle }: { lifecycle: Lifecycle }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('admin.lifecycles.meta', { key: lifecycle.key, module: lifecycle.module })}
      </Typography.Text>
      <div data-testid={`lifecycle-states-${lifecycle.key}`}>
        <Typography.Text strong>{t('admin.lifecycles.states')}: </Typography.Text>
        {lifecycle.states.map((s) => <StateCode key={s} state={s} lifecycle={lifecycle} />)}
      </div>
      <Typography.Text type="secondary">{t('admin.lifecycles.legend')}</Typography.Text>
      <Table<Transition>
        data-testid={`lifecycle-transitions-${lifecycle.key}`}
        rowKey="action"
        size="small"
        pagination={false}
        dataSource={lifecycle.transitions}
        columns={[
          { title: t('admin.lifecycles.action'), dataIndex: 'action', render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
          { title: t('admin.lifecycles.from'), dataIndex: 'from', render: (from: string[]) => from.map((s) => <StateCode key={s} state={s} lifecycle={lifecycle} />) },
          { title: t('admin.lifecycles.to'), dataIndex: 'to', render: (to: string) => <>→ <StateCode state={to} lifecycle={lifecycle} /></> },
          { title: t('admin.lifecycles.emits'), dataIndex: 'emits', render: (e: string) => <Typography.Text code>{e}</Typography.Text> },
          { title: t('admin.lifecycles.guard'), dataIndex: 'guard', render: (g: string | undefined, row) => (g ? `${g}: ${row.guardDescription ?? ''}` : '—') },
        ]}
      />
    </Space>
  );
}

/** 状态机: every lifecycle as the server declares it (GET /lifecycles), the same data as docs/lifecycles.md. */
export function LifecyclesPage() {
  const { t } = useI18n();
  const list = useApi('/lifecycles');
  return (
    <>
      <PageHeader title={t('admin.lifecycles.title')} sub={t('admin.lifecycles.sub')} />
      <LoadError error={list.error} retry={() => void list.reload()} />
      <Card loading={list.loading} data-testid="lifecycles">
        <Collapse
          items={(list.data ?? []).map((l) => ({
            key: l.key,
            label: (
              <Space>
                <span>{l.title}</span>
                <Tag>{t('admin.lifecycles.count', { states: l.states.length, transitions: l.transitions.length })}</Tag>
              </Space>
            ),
            children: <LifecycleTable lifecycle={l} />,
          }))}
        />
      </Card>
    </>
  );
}
