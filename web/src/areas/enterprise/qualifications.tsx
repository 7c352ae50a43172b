import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Modal, Progress, Row, Select, Space, Table, Typography, Upload, message } from 'antd';
import { HTMLAttributes, ReactNode, useState } from 'react';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { errorText } from '../../app/errors';
import { ApiForm, DateInput, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import type { Schema } from '../../app/api';

export type Qualification = Schema<'QualificationDto'>;

interface DeclareValues {
  kind: string;
  certificateNo: string;
  issuer: string;
  validFrom: string;
  validTo: string;
}

const KINDS = ['high_tech', 'tech_sme', 'specialised_sme'] as const;
/** Mirrors the server's default QUALIFICATION_FILE_MAX_BYTES; the server's 413 is the rule, this only saves a futile upload. */
const MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** Downloads a certificate the API serves behind authentication; its refusal is shown. */
export function CertificateButton({ qualificationId, fileName, testId }: { qualificationId: string; fileName: string; testId?: string }) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  return (
    <Button
      size="small"
      loading={pending}
      data-testid={testId ?? `certificate-${qualificationId}`}
      onClick={async () => {
        setPending(true);
        try {
          await api.download(`/qualifications/${qualificationId}/certificate`, fileName);
        } catch (err) {
          void message.error(errorText(err, t), 6);
        } finally {
          setPending(false);
        }
      }}
    >
      {fileName}
    </Button>
  );
}

/**
 * A verified qualification's status, with the bureau's revocation (a reason is required; orders and
 * vouchers already committed keep their ratio). The API decides who may revoke.
 */
export function QualificationStatusWithRevoke({ qualification }: { qualification: { id: string; status: string } }) {
  const { t } = useI18n();
  const me = useMe();
  const canRevoke = me.user.role === 'reviewer' || me.user.role === 'approver';
  const [status, setStatus] = useState(qualification.status);
  const [open, setOpen] = useState(false);
  let revoke: ReactNode = null;
  if (canRevoke && status === 'verified') {
    revoke = (
      <>
        <Button size="small" danger onClick={() => setOpen(true)} data-testid="qual-revoke">
          {t('enterprise.qual.revoke')}
        </Button>
        <Modal open={open} title={t('enterprise.qual.revokeTitle')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
          <ApiForm<{ reason: string }, Qualification>
            schema="RevokeQualificationDto"
            submit={(v, key) => api.post<Qualification>(`/qualifications/${qualification.id}/revocation`, { reason: v.reason }, { idempotencyKey: key })}
            successMessage={t('action.done')}
            onDone={(q) => {
              setOpen(false);
              setStatus(q.status);
            }}
            testId="revoke-form"
          >
            <Field name="reason" label={t('enterprise.qual.revokeReason')}>
              <Input.TextArea rows={3} />
            </Field>
          </ApiForm>
        </Modal>
      </>
    );
  }
  return (
    <Space>
      <StatusTag status={status} group="enterprise.qual.status" />
      {revoke}
    </Space>
  );
}

/**
 * 企业资质: the enterprise declares a qualification with its certificate scan; the district bureau
 * verifies it. Only verified qualifications valid on the day change the subsidy ratio.
 */
export function QualificationsPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const org = useApi<{ qualifications: Qualification[] }>(`/organizations/${me.organization.id}`);
  const reload = () => void org.reload();
  const rows = org.data?.qualifications ?? [];
  return (
    <>
      <PageHeader title={t('enterprise.qual.title')} sub={t('enterprise.qual.sub')} extra={<Button onClick={reload}>{t('action.refresh')}</Button>} />
      <LoadError error={org.error} retry={reload} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={t('enterprise.qual.list')} style={{ marginBottom: 16 }}>
            <Table<Qualification>
              rowKey="id"
              size="small"
              loading={org.loading}
              dataSource={rows}
              pagination={false}
              data-testid="qualifications"
              onRow={(q) => ({ 'data-testid': `qualification-${q.certificateNo}` }) as HTMLAttributes<HTMLElement>}
              locale={{ emptyText: t('enterprise.qual.none') }}
              columns={[
                { title: t('enterprise.qual.kind'), dataIndex: 'kind', render: (v: string) => label('enterprise.qual.kind', v) },
                { title: t('enterprise.qual.certificateNo'), dataIndex: 'certificateNo' },
                { title: t('enterprise.qual.issuer'), dataIndex: 'issuer', render: (v: string | null) => v ?? '—' },
                { title: t('enterprise.qual.validity'), render: (_: unknown, q) => `${q.validFrom} ~ ${q.validTo}` },
                {
                  title: t('common.status'),
                  dataIndex: 'status',
                  render: (v: string, q) => (
                    <Space orientation="vertical" size={0}>
                      <StatusTag status={v} group="enterprise.qual.status" />
                      {q.decisionReason && <Typography.Text type="secondary">{q.decisionReason}</Typography.Text>}
                      {q.decidedAt && <Typography.Text type="secondary">{formatTime(q.decidedAt)}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: t('enterprise.qual.certificate'),
                  render: (_: unknown, q) => (q.certificate ? <CertificateButton qualificationId={q.id} fileName={q.certificate.fileName} /> : '—'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {me.user.isOrgAdmin ? (
            <DeclareCard organizationId={me.organization.id} onDone={reload} />
          ) : (
            <Alert type="info" showIcon title={t('enterprise.qual.adminsOnly')} />
          )}
        </Col>
      </Row>
    </>
  );
}

function DeclareCard({ organizationId, onDone }: { organizationId: string; onDone(): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<DeclareValues>();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [percent, setPercent] = useState<number>();
  return (
    <Card title={t('enterprise.qual.declare')} data-testid="declare-qualification">
      <Typography.Paragraph type="secondary">{t('enterprise.qual.declareHint')}</Typography.Paragraph>
      <ApiForm<DeclareValues, Qualification>
        schema="DeclareQualificationDto"
        form={form}
        testId="declare-form"
        submitLabel={t('enterprise.qual.submit')}
        successMessage={t('enterprise.qual.declared')}
        submit={async (values, idempotencyKey) => {
          if (!file) {
            setFileError(t('enterprise.qual.fileRequired'));
            throw new Error(t('enterprise.qual.fileRequired'));
          }
          setPercent(0);
          try {
            return await api.upload<Qualification>(`/organizations/${organizationId}/qualifications`, 'certificate', file, {
              idempotencyKey,
              onProgress: setPercent,
              fields: { kind: values.kind, certificateNo: values.certificateNo, issuer: values.issuer, validFrom: values.validFrom, validTo: values.validTo },
            });
          } catch (err) {
            setPercent(undefined);
            throw err;
          }
        }}
        onDone={() => {
          form.resetFields();
          setFile(undefined);
          setPercent(undefined);
          onDone();
        }}
      >
        <Field name="kind" label={t('enterprise.qual.kind')}>
          <Select data-testid="qual-kind" options={KINDS.map((k) => ({ value: k, label: label('enterprise.qual.kind', k) }))} />
        </Field>
        <Field name="certificateNo" label={t('enterprise.qual.certificateNo')}>
          <Input data-testid="qual-certificateNo" />
        </Field>
        <Field name="issuer" label={t('enterprise.qual.issuer')}>
          <Input data-testid="qual-issuer" placeholder={t('enterprise.qual.issuerPlaceholder')} />
        </Field>
        <Field name="validFrom" label={t('enterprise.qual.validFrom')}>
          <DateInput />
        </Field>
        <Field name="validTo" label={t('enterprise.qual.validTo')}>
          <DateInput />
        </Field>
        <Form.Item label={t('enterprise.qual.certificate')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? t('enterprise.qual.fileHint')}>
          <Upload
            accept={ACCEPT}
            maxCount={1}
            fileList={file ? [{ uid: 'certificate', name: file.name, status: 'done' }] : []}
            beforeUpload={(picked) => {
              if (picked.size > MAX_CERTIFICATE_BYTES) {
                setFileError(t('enterprise.qual.tooLarge'));
                return Upload.LIST_IGNORE;
              }
              setFile(picked);
              setFileError(undefined);
              return false; // sent with the form, not on its own
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined />} data-testid="qual-file">
              {t('enterprise.qual.pickFile')}
            </Button>
          </Upload>
        </Form.Item>
        {percent !== undefined && <Progress percent={percent} size="small" data-testid="qual-progress" />}
      </ApiForm>
    </Card>
  );
}
