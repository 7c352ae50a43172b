import { Alert, Button, Card, Input, Switch, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api, type Schema } from '../../app/api';
import { formatTime, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type UserRow = Schema<'UserSummaryDto'>;
type Invitation = Schema<'InvitationDto'>;

/**
 * An organisation's users and inviting someone into it: for its own org admins (common/members.tsx) and the
 * platform (admin/users.tsx, which adds a role choice). The API decides who may invite (docs/domain.md).
 */
export function OrganizationMembers({ orgId, roleField }: { orgId: string; roleField?: ReactNode }) {
  const { t, label } = useI18n();
  const members = useApi('/organizations/{id}/users', { params: { path: { id: orgId }, query: { pageSize: 100 } } });
  const [invitation, setInvitation] = useState<Invitation>();
  return (
    <>
      <LoadError error={members.error} retry={() => void members.reload()} />
      <Typography.Title level={5}>{t('members.users', { n: members.data?.total ?? 0 })}</Typography.Title>
      <ResponsiveTable<UserRow>
        rowKey="id"
        size="small"
        loading={members.loading}
        dataSource={members.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 24 }}
        data-testid="members-table"
        columns={[
          { title: t('members.name'), dataIndex: 'displayName', render: (name: string, u) => <>{name} {u.isOrgAdmin && <Tag color="blue">{t('members.orgAdmin')}</Tag>}</> },
          { title: t('members.email'), dataIndex: 'email' },
          { title: t('members.role'), dataIndex: 'role', render: (r: string) => label('role', r) },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} group="members.status" /> },
          { title: t('members.lastLogin'), dataIndex: 'lastLoginAt', render: (at: string | null) => (at ? formatTime(at) : t('members.never')) },
        ]}
      />
      <Card size="small" title={t('members.invite.title')}>
        {invitation ? (
          <Alert
            type="success"
            showIcon
            data-testid="invitation-result"
            title={t('members.invite.done', { email: invitation.email, role: label('role', invitation.role) })}
            description={
              <>
                <div>{t('members.invite.expires', { at: formatTime(invitation.expiresAt) })}</div>
                <div>{t('members.invite.tokenOnce')}</div>
                <Typography.Paragraph copyable code data-testid="invitation-token" style={{ marginBottom: 8 }}>
                  {invitation.token}
                </Typography.Paragraph>
                <Button size="small" onClick={() => setInvitation(undefined)}>{t('members.invite.another')}</Button>
              </>
            }
          />
        ) : (
          <ApiForm<Schema<'CreateInvitationDto'>, Invitation>
            schema="CreateInvitationDto"
            testId="invite-form"
            layout="vertical"
            submitLabel={t('members.invite.submit')}
            initialValues={{ isOrgAdmin: false }}
            submit={(values, key) => api.post('/organizations/{id}/invitations', { params: { path: { id: orgId } }, body: values, idempotencyKey: key })}
            onDone={(result) => {
              setInvitation(result);
              void members.reload();
            }}
          >
            <Field name="email" label={t('members.email')}>
              <Input type="email" autoComplete="off" />
            </Field>
            {roleField}
            <Field name="isOrgAdmin" label={t('members.orgAdmin')} valuePropName="checked" extra={t('members.invite.orgAdminHelp')}>
              <Switch />
            </Field>
          </ApiForm>
        )}
      </Card>
    </>
  );
}
