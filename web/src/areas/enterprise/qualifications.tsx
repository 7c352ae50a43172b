import { UploadOutlined } from '@ant-design/icons';
import { codedText } from '../../app/finding-reasons';
import { Alert, Button, Card, Col, Form, Input, Progress, Row, Select, Space, Typography, Upload } from 'antd';
import { HTMLAttributes, useState } from 'react';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ApiForm, DateInput, Field } from '../../app/forms';
import { nameIn } from '../../features/programmes/policy';
import { useI18n } from '../../app/i18n';
import { CertificateButton, type Qualification } from '../../features/qualifications/qualifications';
import { ResponsiveTable } from '../../app/widgets/responsive-table';
import { useReasonWords } from '../../app/reason-words';

type DeclareValues = Schema<'DeclareQualificationDto'>;

/** Mirrors the server's default QUALIFICATION_FILE_MAX_BYTES; the server's 413 is the rule, this only saves a futile upload. */
const MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/**
 * 企业资质: the enterprise declares a qualification with its certificate scan; the district bureau
 * verifies it. Only verified qualifications valid on the day change the subsidy ratio.
 */
export function QualificationsPage() {
  const i18n = useReasonWords();
  const { t, label } = i18n;
  const me = useMe();
  const org = useApi('/organizations/{id}', { params: { path: { id: me.organization.id } } });
  const reload = () => void org.reload();
  const rows = org.data?.qualifications ?? [];
  return (
    <>
      <PageHeader title={t('qualification.title')} sub={t('qualification.sub')} extra={<Button onClick={reload}>{t('action.refresh')}</Button>} />
      <LoadError error={org.error} retry={reload} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={t('qualification.list')} style={{ marginBottom: 16 }}>
            <ResponsiveTable<Qualification>
              rowKey="id"
              size="small"
              loading={org.loading}
              dataSource={rows}
              pagination={false}
              data-testid="qualifications"
              onRow={(q) => ({ 'data-testid': `qualification-${q.certificateNo}` }) as HTMLAttributes<HTMLElement>}
              locale={{ emptyText: t('qualification.none') }}
              columns={[
                { title: t('qualification.kind'), dataIndex: 'kind', render: (v: string) => label('qualification.kind', v) },
                { title: t('qualification.certificateNo'), dataIndex: 'certificateNo' },
                { title: t('qualification.issuer'), dataIndex: 'issuer', render: (v: string | null) => v ?? '—' },
                { title: t('qualification.validity'), render: (_: unknown, q) => `${q.validFrom} ~ ${q.validTo}` },
                {
                  title: t('common.status'),
                  dataIndex: 'status',
                  render: (v: string, q) => (
                    <Space orientation="vertical" size={0}>
                      <StatusTag status={v} group="qualification.status" />
                      {q.decisionReason && <Typography.Text type="secondary">{codedText(q.decisionReasonCode, q.decisionReason, i18n)}</Typography.Text>}
                      {q.decidedAt && <Typography.Text type="secondary">{formatTime(q.decidedAt)}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: t('qualification.certificate'),
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
            <Alert type="info" showIcon title={t('qualification.adminsOnly')} />
          )}
        </Col>
      </Row>
    </>
  );
}

function DeclareCard({ organizationId, onDone }: { organizationId: string; onDone(): void }) {
  const { t, lang } = useI18n();
  // The kinds are reference data (GET /qualification-kinds): a kind added there is offered here with no portal change.
  const kinds = useApi('/qualification-kinds');
  const [form] = Form.useForm<DeclareValues>();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [percent, setPercent] = useState<number>();
  return (
    <Card title={t('qualification.declare')} data-testid="declare-qualification">
      <Typography.Paragraph type="secondary">{t('qualification.declareHint')}</Typography.Paragraph>
      <ApiForm<DeclareValues, Qualification>
        schema="DeclareQualificationDto"
        form={form}
        testId="declare-form"
        submitLabel={t('qualification.submit')}
        successMessage={t('qualification.declared')}
        submit={async (values, idempotencyKey) => {
          if (!file) {
            setFileError(t('qualification.fileRequired'));
            throw new Error(t('qualification.fileRequired'));
          }
          setPercent(0);
          try {
            return await api.upload(
              '/organizations/{id}/qualifications',
              { path: { id: organizationId } },
              { field: 'certificate', file, fields: { kind: values.kind, certificateNo: values.certificateNo, issuer: values.issuer, validFrom: values.validFrom, validTo: values.validTo } },
              { idempotencyKey, onProgress: setPercent },
            );
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
        <Field name="kind" label={t('qualification.kind')}>
          <Select data-testid="qual-kind" loading={!kinds.data} options={(kinds.data ?? []).map((k) => ({ value: k.code, label: nameIn(lang, k) }))} />
        </Field>
        <Field name="certificateNo" label={t('qualification.certificateNo')}>
          <Input data-testid="qual-certificateNo" />
        </Field>
        <Field name="issuer" label={t('qualification.issuer')}>
          <Input data-testid="qual-issuer" placeholder={t('qualification.issuerPlaceholder')} />
        </Field>
        <Field name="validFrom" label={t('qualification.validFrom')}>
          <DateInput />
        </Field>
        <Field name="validTo" label={t('qualification.validTo')}>
          <DateInput />
        </Field>
        <Form.Item label={t('qualification.certificate')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? t('qualification.fileHint')}>
          <Upload
            accept={ACCEPT}
            maxCount={1}
            fileList={file ? [{ uid: 'certificate', name: file.name, status: 'done' }] : []}
            beforeUpload={(picked) => {
              if (picked.size > MAX_CERTIFICATE_BYTES) {
                setFileError(t('qualification.tooLarge'));
                return Upload.LIST_IGNORE;
              }
              setFile(picked);
              setFileError(undefined);
              return false; // sent with the form, not on its own
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined />} data-testid="qual-file">
              {t('qualification.pickFile')}
            </Button>
          </Upload>
        </Form.Item>
        {percent !== undefined && <Progress percent={percent} size="small" data-testid="qual-progress" />}
      </ApiForm>
    </Card>
  );
}
