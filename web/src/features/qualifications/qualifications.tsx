import { Button, Input, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { api, type Schema } from '../../app/api';
import { useMe } from '../../app/auth';
import { StatusTag } from '../../app/common';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { DownloadButton } from '../../app/widgets/download-button';

/** An enterprise's declared qualification (高新技术企业, 科技型中小企业…), verified by its district's bureau. */
export type Qualification = Schema<'QualificationDto'>;

/** Downloads a certificate the API serves behind authentication; its refusal is shown. */
export function CertificateButton({ qualificationId, fileName, testId }: { qualificationId: string; fileName: string; testId?: string }) {
  return (
    <DownloadButton size="small" path="/qualifications/{id}/certificate" init={{ params: { path: { id: qualificationId } } }} filename={fileName} testId={testId ?? `certificate-${qualificationId}`}>
      {fileName}
    </DownloadButton>
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
          {t('qualification.revoke')}
        </Button>
        <Modal open={open} title={t('qualification.revokeTitle')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
          <ApiForm<{ reason: string }, Qualification>
            schema="RevokeQualificationDto"
            submit={(v, key) => api.post('/qualifications/{id}/revocation', { params: { path: { id: qualification.id } }, body: { reason: v.reason }, idempotencyKey: key })}
            successMessage={t('action.done')}
            onDone={(q) => {
              setOpen(false);
              setStatus(q.status);
            }}
            testId="revoke-form"
          >
            <Field name="reason" label={t('qualification.revokeReason')}>
              <Input.TextArea rows={3} />
            </Field>
          </ApiForm>
        </Modal>
      </>
    );
  }
  return (
    <Space>
      <StatusTag status={status} group="qualification.status" />
      {revoke}
    </Space>
  );
}
