import { Alert, Card, Col, Form, Input, Row, Tag } from 'antd';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ActionButton, ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type Member = Schema<'InnovationTeamMemberDto'>;
type NewMember = Schema<'NewInnovationTeamMemberDto'>;

/** 创新团队: the signed-in team's leader and members; its leader (an org admin) adds and removes members. */
export function TeamMembersPage() {
  const { t } = useI18n();
  const me = useMe();
  const team = useApi('/organizations/me/members');
  const manages = me.user.isOrgAdmin;
  const [form] = Form.useForm<NewMember>();
  const reload = () => void team.reload();
  return (
    <>
      <PageHeader title={t('enterprise.team.title')} sub={t('enterprise.team.sub')} />
      <LoadError error={team.error} retry={reload} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card
            title={t('enterprise.team.members')}
            extra={<span data-testid="team-host">{team.data?.host ? `${t('enterprise.team.host')}：${team.data.host.name}` : t('enterprise.team.noHost')}</span>}
            data-testid="team-members"
          >
            <ResponsiveTable<Member>
              rowKey="id"
              size="small"
              pagination={false}
              loading={team.loading}
              dataSource={team.data?.members ?? []}
              columns={[
                { title: t('enterprise.team.name'), dataIndex: 'name', render: (name: string, m) => <>{name} {m.isLeader && <Tag color="blue">{t('enterprise.team.leader')}</Tag>}</> },
                { title: t('enterprise.team.memberTitle'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
                { title: t('enterprise.team.contact'), dataIndex: 'contact', render: (v: string | null) => v ?? '—' },
                { title: t('enterprise.team.idCard'), dataIndex: 'idCardMasked', render: (v: string | null) => v ?? '—' },
                {
                  title: '',
                  key: 'actions',
                  render: (_, m) =>
                    manages && !m.isLeader ? (
                      <ActionButton
                        size="small"
                        danger
                        data-testid={`team-member-remove-${m.id}`}
                        confirm={t('enterprise.team.removeConfirm', { name: m.name })}
                        successMessage={t('enterprise.team.removed')}
                        action={(key) => api.delete('/organizations/me/members/{memberId}', { params: { path: { memberId: m.id } }, idempotencyKey: key })}
                        onDone={reload}
                      >
                        {t('enterprise.team.remove')}
                      </ActionButton>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('enterprise.team.add')} data-testid="team-member-add">
            {manages ? (
              <ApiForm<NewMember, Member>
                schema="NewInnovationTeamMemberDto"
                submit={(v, key) => api.post('/organizations/me/members', { body: { name: v.name.trim(), title: v.title?.trim() || undefined, contact: v.contact?.trim() || undefined }, idempotencyKey: key })}
                successMessage={t('enterprise.team.added')}
                submitLabel={t('enterprise.team.addSubmit')}
                form={form}
                onDone={() => {
                  form.resetFields();
                  reload();
                }}
                testId="team-member-form"
              >
                <Field name="name" label={t('enterprise.team.name')}><Input /></Field>
                <Field name="title" label={t('enterprise.team.memberTitle')}><Input /></Field>
                <Field name="contact" label={t('enterprise.team.contact')}><Input /></Field>
              </ApiForm>
            ) : (
              <Alert type="info" showIcon title={t('enterprise.team.adminOnly')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
