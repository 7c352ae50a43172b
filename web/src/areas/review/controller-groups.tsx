import { Button, Card, Empty, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, formatTime, Money, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FormAction } from '../../app/widgets/form-action';
import { rowProps } from '../../app/widgets/paged-table';
import { RegionName } from './shared';
import type { Organization } from './types';
import type { Schema } from '../../app/api';

export type ControllerGroup = Schema<'ControllerGroupDto'>;

/** The bureau roles that keep actual-controller groups (the platform admin only reads them). */
const KEEPERS = ['reviewer', 'approver', 'partner_admin'];

/** 同一实际控制人: the bureau's groups; create one, open it to see members and usage and to link enterprises. */
export function ControllerGroupsPage() {
  const { t } = useI18n();
  const me = useMe();
  const groups = useApi('/controller-groups');
  const reload = () => void groups.reload();
  const keeps = KEEPERS.includes(me.user.role);
  return (
    <>
      <PageHeader
        title={t('review.groups.title')}
        sub={t('review.groups.sub')}
        extra={
          <>
            {keeps && (
              <FormAction<{ name: string; controllerName: string }, ControllerGroup>
                label={t('review.groups.create')}
                title={t('review.groups.create')}
                testId="group-create"
                schema="CreateControllerGroupDto"
                buttonProps={{ type: 'primary' }}
                submitLabel={t('review.groups.create')}
                successMessage={t('action.done')}
                submit={(v, key) => api.post('/controller-groups', { body: v, idempotencyKey: key })}
                onDone={reload}
              >
                <Field name="name" label={t('review.groups.name')}>
                  <Input />
                </Field>
                <Field name="controllerName" label={t('review.groups.controller')}>
                  <Input />
                </Field>
              </FormAction>
            )}
            <Button onClick={reload}>{t('action.refresh')}</Button>
          </>
        }
      />
      <LoadError error={groups.error} retry={reload} />
      <Table<ControllerGroup>
        rowKey="id"
        loading={groups.loading}
        dataSource={groups.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="groups-table"
        onRow={(g) => rowProps(`group-row-${g.id}`)}
        columns={[
          { title: t('review.groups.name'), dataIndex: 'name', render: (v: string, g) => <Link to={`/review/controller-groups/${g.id}`}>{v}</Link> },
          { title: t('review.groups.controller'), dataIndex: 'controllerName' },
          { title: t('review.groups.ownerRegion'), dataIndex: 'regionCode', render: (v: string | null) => (v ? <RegionName code={v} /> : '—') },
          { title: t('review.groups.members'), dataIndex: 'memberCount', width: 120 },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
        ]}
      />
    </>
  );
}

/** One group: its members in the reader's scope (link / unlink) and its usage per programme, attributed at commit time. */
export function ControllerGroupDetailPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const me = useMe();
  const group = useApi('/controller-groups/{id}', { params: { path: { id } } });
  const usage = useApi('/controller-groups/{id}/usage', { params: { path: { id } } });
  const reload = () => {
    void group.reload();
    void usage.reload();
  };
  const keeps = KEEPERS.includes(me.user.role);
  const g = group.data;
  if (!g) return <LoadError error={group.error} retry={reload} />;
  return (
    <>
      <PageHeader title={g.name} sub={t('review.groups.detailSub')} extra={<Button onClick={reload}>{t('action.refresh')}</Button>} />
      <Facts
        items={[
          [t('review.groups.controller'), g.controllerName],
          // The number an enterprise quotes when it asks to join (its change request names the group by it).
          [t('review.groups.number'), <Typography.Text copyable data-testid="group-number">{g.id}</Typography.Text>],
          [t('review.groups.ownerRegion'), g.regionCode ? <RegionName code={g.regionCode} /> : '—'],
          [t('review.groups.members'), g.memberCount],
          [t('review.groups.outside'), g.membersOutsideScope],
          [t('common.createdAt'), formatTime(g.createdAt)],
        ]}
      />
      <Card
        title={t('review.groups.memberList')}
        style={{ marginBottom: 16 }}
        extra={keeps && <LinkMember groupId={g.id} onDone={reload} />}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={g.members}
          data-testid="group-members"
          onRow={(m) => rowProps(`member-row-${m.id}`)}
          columns={[
            { title: t('review.groups.org'), dataIndex: 'name' },
            { title: t('review.f.uscc'), dataIndex: 'uscc' },
            { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
            ...(keeps
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, m: { id: string; name: string }) => (
                      <ActionButton
                        size="small"
                        danger
                        data-testid="member-unlink"
                        confirm={t('review.groups.unlinkConfirm', { name: m.name })}
                        action={(key) => api.post('/organizations/{id}/controller-group', { params: { path: { id: m.id } }, body: { controllerGroupId: null }, idempotencyKey: key })}
                        onDone={reload}
                      >
                        {t('review.groups.unlink')}
                      </ActionButton>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('review.groups.usage')} data-testid="group-usage">
        <Typography.Paragraph type="secondary">{t('review.groups.usageNote')}</Typography.Paragraph>
        <LoadError error={usage.error} retry={reload} />
        {usage.data && usage.data.programs.length === 0 && <Empty description={t('review.groups.noUsage')} />}
        {usage.data?.programs.map((p) => (
          <div key={p.programId} style={{ marginBottom: 16 }} data-testid={`usage-${p.programId}`}>
            <Typography.Text strong>
              {pick(p.programName, p.programNameEn)} ({p.year})
            </Typography.Text>
            <Space style={{ marginLeft: 16 }} wrap>
              <span>
                {t('review.groups.cap')} <Money fen={p.capFen} />
              </span>
              <span>
                {t('review.groups.used')} <Money fen={p.usedFen} strong />
              </span>
              <span>
                {t('review.groups.remaining')} <Money fen={p.remainingFen} />
              </span>
            </Space>
            <Table
              rowKey="enterpriseId"
              size="small"
              pagination={false}
              dataSource={p.byEnterprise}
              columns={[
                { title: t('review.groups.org'), dataIndex: 'enterpriseName' },
                { title: t('review.groups.committed'), dataIndex: 'committedFen', render: (v: number) => <Money fen={v} /> },
                { title: t('review.groups.vouchers'), dataIndex: 'vouchers', width: 100 },
                { title: t('review.groups.stillMember'), dataIndex: 'currentMember', width: 140, render: (v: boolean) => (v ? t('review.groups.yes') : t('review.groups.no')) },
              ]}
            />
          </div>
        ))}
      </Card>
    </>
  );
}

/** Picks an enterprise or provider of the reader's regions and links it to the group. */
function LinkMember({ groupId, onDone }: { groupId: string; onDone(): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const orgs = useApi('/organizations', { params: { query: { q: q || undefined, limit: 20 } } });
  const options = (orgs.data ?? []).filter((o) => o.kind === 'enterprise' || o.kind === 'provider').map((o) => ({ value: o.id, label: `${o.name}${o.uscc ? ` · ${o.uscc}` : ''}` }));
  return (
    <FormAction<{ organizationId: string }, Organization>
      label={t('review.groups.link')}
      title={t('review.groups.link')}
      intro={t('review.groups.linkIntro')}
      testId="member-link"
      schema="LinkControllerGroupDto"
      buttonProps={{ type: 'primary', size: 'small' }}
      submitLabel={t('review.groups.link')}
      successMessage={t('action.done')}
      submit={(v, key) => api.post('/organizations/{id}/controller-group', { params: { path: { id: v.organizationId } }, body: { controllerGroupId: groupId }, idempotencyKey: key })}
      onDone={onDone}
    >
      <Field name="organizationId" label={t('review.groups.org')} rules={[{ required: true, message: t('review.groups.pickOrg') }]}>
        <Select showSearch filterOption={false} onSearch={setQ} options={options} loading={orgs.loading} placeholder={t('review.groups.search')} data-testid="member-picker" />
      </Field>
    </FormAction>
  );
}
