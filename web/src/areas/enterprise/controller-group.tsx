import { Alert, Card, Col, Form, Input, Radio, Row, Select, Tag, Typography } from 'antd';
import { codedText } from '../../app/finding-reasons';
import { useState } from 'react';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { Facts, formatTime, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { CaseTimeline } from '../../app/widgets/case-timeline';
import type { Schema } from '../../app/api';
import { ResponsiveTable } from '../../app/widgets/responsive-table';
import { useReasonWords } from '../../app/reason-words';

type ChangeRequest = Schema<'ChangeRequestDto'>;

type RequestForm = Schema<'CreateChangeRequestDto'>;

const OPEN = ['submitted', 'in_review', 'returned'];

/**
 * 同一实际控制人: the enterprise's group as its bureau recorded it. The enterprise cannot change it;
 * it asks, with a statement and its documents, and the district and city bureaus decide.
 */
export function ControllerGroupPage() {
  const { t } = useI18n();
  const me = useMe();
  const org = useApi('/organizations/{id}', { params: { path: { id: me.organization.id } } });
  const groupId = org.data?.controllerGroupId ?? undefined;
  const group = useApi('/controller-groups/{id}', groupId ? { params: { path: { id: groupId } } } : null);
  const requests = useApi('/controller-group-change-requests');
  const [form] = Form.useForm<RequestForm>();
  const [action, setAction] = useState<RequestForm['action']>('join');
  const open = (requests.data ?? []).find((r) => OPEN.includes(r.status));
  const reload = () => {
    void org.reload();
    void requests.reload();
  };
  return (
    <>
      <PageHeader title={t('enterprise.cg.title')} sub={t('enterprise.cg.sub')} />
      <LoadError error={org.error ?? requests.error} retry={reload} />
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <div data-testid="current-group">
            <Facts
              title={t('enterprise.cg.current')}
              items={
                groupId
                  ? [
                      [t('enterprise.cg.groupName'), group.data?.name ?? '…'],
                      [t('enterprise.cg.controller'), group.data?.controllerName ?? '…'],
                    ]
                  : [[t('enterprise.cg.groupName'), t('enterprise.cg.none')]]
              }
            />
          </div>
          <Card title={t('enterprise.cg.request')} data-testid="group-request">
            {open ? (
              <Alert type="info" showIcon title={t('enterprise.cg.openRequest')} />
            ) : !me.user.isOrgAdmin ? (
              <Alert type="info" showIcon title={t('enterprise.cg.adminOnly')} />
            ) : (
              <ApiForm<RequestForm, ChangeRequest>
                form={form}
                schema="CreateChangeRequestDto"
                testId="group-request-form"
                initialValues={{ action: 'join', documentRefs: [] }}
                onValuesChange={(changed) => changed.action && setAction(changed.action)}
                submitLabel={t('enterprise.cg.submit')}
                successMessage={t('enterprise.cg.submitted')}
                submit={(v, key) =>
                  api.post('/controller-group-change-requests', { body: {
                      action: v.action,
                      controllerGroupId: v.action === 'join' ? v.controllerGroupId?.trim() : undefined,
                      newGroupName: v.action === 'create' ? v.newGroupName : undefined,
                      newControllerName: v.action === 'create' ? v.newControllerName : undefined,
                      statement: v.statement,
                      documentRefs: v.documentRefs,
                    }, idempotencyKey: key })
                }
                onDone={() => {
                  form.resetFields();
                  setAction('join');
                  reload();
                }}
              >
                <Field name="action" label={t('enterprise.cg.action')}>
                  <Radio.Group
                    options={(['join', 'leave', 'create'] as const).map((a) => ({ value: a, label: t(`enterprise.cg.action.${a}`), disabled: a === 'leave' && !groupId }))}
                    optionType="button"
                  />
                </Field>
                {action === 'join' && (
                  <Field name="controllerGroupId" label={t('enterprise.cg.groupId')} help={t('enterprise.cg.groupIdHelp')} rules={[{ required: true, message: t('enterprise.cg.groupIdHelp') }]}>
                    <Input />
                  </Field>
                )}
                {action === 'create' && (
                  <>
                    <Field name="newGroupName" label={t('enterprise.cg.newGroupName')} rules={[{ required: true, message: t('enterprise.cg.newGroupName') }]}>
                      <Input />
                    </Field>
                    <Field name="newControllerName" label={t('enterprise.cg.controller')} rules={[{ required: true, message: t('enterprise.cg.controller') }]}>
                      <Input />
                    </Field>
                  </>
                )}
                <Field name="statement" label={t('enterprise.cg.statement')} help={t('enterprise.cg.statementHelp')}>
                  <Input.TextArea rows={4} />
                </Field>
                <Field name="documentRefs" label={t('enterprise.cg.documents')} help={t('enterprise.cg.documentsHelp')}>
                  <Select mode="tags" open={false} tokenSeparators={['；', ';']} data-testid="group-request-documents" />
                </Field>
              </ApiForm>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('enterprise.cg.history')}>
            <ResponsiveTable<ChangeRequest>
              rowKey="id"
              size="small"
              loading={requests.loading}
              dataSource={requests.data ?? []}
              pagination={false}
              data-testid="group-requests"
              expandable={{ expandedRowRender: (r) => <RequestDetail request={r} />, defaultExpandedRowKeys: open ? [open.id] : [] }}
              columns={[
                { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
                { title: t('enterprise.cg.action'), dataIndex: 'action', render: (v: string, r) => `${t(`enterprise.cg.action.${v}`)}${r.targetGroupName ?? r.newGroupName ? ` · ${r.targetGroupName ?? r.newGroupName}` : ''}` },
                { title: t('common.status'), dataIndex: 'status', render: (v: string) => <span data-testid="group-request-status"><StatusTag status={v} /></span> },
                { title: t('enterprise.cg.decidedAt'), dataIndex: 'decidedAt', render: (v: string | null) => formatTime(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function RequestDetail({ request }: { request: ChangeRequest }) {
  const i18n = useReasonWords();
  const { t } = i18n;
  return (
    <>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{request.statement}</Typography.Paragraph>
      <Typography.Paragraph>
        {request.documentRefs.map((d) => (
          <Tag key={d}>{d}</Tag>
        ))}
      </Typography.Paragraph>
      {request.decisionReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={codedText(request.decisionReasonCode, request.decisionReason, i18n)} />}
      {request.resultingGroupName && <Typography.Paragraph>{t('enterprise.cg.resulting', { name: request.resultingGroupName })}</Typography.Paragraph>}
      <CaseTimeline caseId={request.caseId} pollMs={OPEN.includes(request.status) ? 3000 : undefined} />
    </>
  );
}
