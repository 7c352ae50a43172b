import { Button, Card, Descriptions, Drawer, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../app/api';
import type { Role } from '../../app/auth';
import { formatTime, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { RegionSelect } from '../../app/widgets/region-select';
import { OrganizationMembers } from '../../features/organizations/members';
import { RoleSelect } from './shared';
import type { Schema } from '../../app/api';

type UserRow = Schema<'UserSummaryDto'>;

/** POST /admin/users/{id}/password-reset: the one-time token is shown once, to hand over out of band. */
type PasswordResetIssued = Schema<'PasswordResetIssuedDto'>;

interface Filters {
  role?: Role;
  regionCode?: string;
  q?: string;
}

/** The user columns both lists show; the platform's list adds the organisation. */
function useUserColumns(): ColumnsType<UserRow> {
  const { t, label } = useI18n();
  return [
    { title: t('admin.users.name'), dataIndex: 'displayName', render: (name: string, u) => <>{name} {u.isOrgAdmin && <Tag color="blue">{t('admin.users.orgAdmin')}</Tag>}</> },
    { title: t('admin.users.email'), dataIndex: 'email' },
    { title: t('admin.users.role'), dataIndex: 'role', render: (r: string) => label('role', r) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string, u) => (
        <>
          <StatusTag status={s} group="admin.userStatus" />
          {u.credentialResetPending && <Tag color="orange" data-testid="must-reset-password">{t('admin.forceReset.pending')}</Tag>}
        </>
      ),
    },
    { title: t('admin.users.lastLogin'), dataIndex: 'lastLoginAt', render: (at: string | null) => (at ? formatTime(at) : t('admin.users.never')) },
  ];
}

/** 用户管理: every user, by role, region and text, paged; a user's organisation with its users and invitations. */
export function UsersPage() {
  const { t } = useI18n();
  const regions = useRegions();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const users = useApi('/admin/users', { params: { query: { ...filters, ...paging } } });
  const [orgId, setOrgId] = useState<string>();
  const [issued, setIssued] = useState<PasswordResetIssued & { email: string }>();
  const columns = useUserColumns();
  const filter = (next: Filters) => {
    setFilters((f) => ({ ...f, ...next }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <>
      <PageHeader title={t('admin.users.title')} sub={t('admin.users.sub')} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <RoleSelect
            data-testid="users-filter-role"
            placeholder={t('admin.users.filterRole')}
            aria-label={t('admin.users.filterRole')}
            style={{ width: 200 }}
            value={filters.role}
            onChange={(role) => filter({ role: (role as Role | undefined) ?? undefined })}
          />
          <RegionSelect
            allowClear
            data-testid="users-filter-region"
            placeholder={t('admin.users.filterRegion')}
            aria-label={t('admin.users.filterRegion')}
            style={{ width: 200 }}
            value={filters.regionCode}
            onChange={(regionCode) => filter({ regionCode })}
          />
          <Input.Search
            data-testid="users-search"
            placeholder={t('admin.users.search')}
            allowClear
            style={{ width: 320 }}
            onSearch={(q) => filter({ q: q.trim() || undefined })}
          />
        </Space>
      </Card>
      <LoadError error={users.error} retry={() => void users.reload()} />
      <Table<UserRow>
        data-testid="users-table"
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        locale={{ emptyText: t('common.empty') }}
        scroll={{ x: 1100 }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('admin.users.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          ...columns.slice(0, 3),
          {
            title: t('admin.users.organization'),
            dataIndex: 'organizationName',
            render: (name: string, u) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOrgId(u.organizationId)} data-testid="user-org">
                {name}
              </Button>
            ),
          },
          { title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regions.name(code) },
          ...columns.slice(3),
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, u) => (
              <ActionButton
                size="small"
                danger
                data-testid="force-password-reset"
                confirm={t('admin.forceReset.confirm')}
                action={(key) => api.post('/admin/users/{id}/password-reset', { params: { path: { id: u.id } }, idempotencyKey: key })}
                onDone={(result) => {
                  setIssued({ ...(result as PasswordResetIssued), email: u.email });
                  void users.reload();
                }}
              >
                {t('admin.forceReset.action')}
              </ActionButton>
            ),
          },
        ]}
      />
      <Modal open={!!issued} title={issued ? t('admin.forceReset.done', { email: issued.email }) : ''} onCancel={() => setIssued(undefined)} footer={null} destroyOnHidden>
        {issued && (
          <>
            <Typography.Paragraph>{t('admin.forceReset.tokenOnce', { at: formatTime(issued.expiresAt) })}</Typography.Paragraph>
            <Typography.Paragraph copyable code data-testid="password-reset-token">
              {issued.resetToken}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
      <OrganizationDrawer orgId={orgId} onClose={() => setOrgId(undefined)} />
    </>
  );
}

/** One organisation: its facts, its users, and inviting someone into it (with a role: the platform may choose). */
export function OrganizationDrawer({ orgId, onClose }: { orgId?: string; onClose(): void }) {
  const { t } = useI18n();
  const regions = useRegions();
  const org = useApi('/organizations/{id}', orgId ? { params: { path: { id: orgId } } } : null);
  const o = org.data;
  return (
    <Drawer
      open={!!orgId}
      size={760}
      title={o?.name ?? t('admin.users.organization')}
      onClose={onClose}
      destroyOnHidden
      data-testid="org-drawer"
    >
      <LoadError error={org.error} />
      {o && (
        <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('admin.org.kind')}>{t(`admin.org.kind.${o.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('common.region')}>{regions.name(o.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('admin.org.uscc')}>{o.uscc ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <StatusTag status={o.admissionStatus ?? o.status} />
          </Descriptions.Item>
          {o.accreditations.length > 0 && <Descriptions.Item label={t('admin.org.accreditations')}>{o.accreditations.join(' / ')}</Descriptions.Item>}
        </Descriptions>
      )}
      {orgId && (
        <OrganizationMembers
          orgId={orgId}
          roleField={
            <Field name="role" label={t('admin.users.role')} extra={t('admin.invite.roleDefault')}>
              <RoleSelect />
            </Field>
          }
        />
      )}
    </Drawer>
  );
}
