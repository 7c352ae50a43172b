import { Alert, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { PageHeader } from '../../app/common';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';

type ChangePasswordValues = Schema<'ChangePasswordDto'> & { confirmPassword?: string };

/** 修改密码: for every signed-in user; the API ends the user's other sessions (docs/security.md). */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  return (
    <>
      <PageHeader title={t('account.password.title')} sub={t('account.password.sub')} />
      <Card style={{ maxWidth: 520 }}>
        {done && <Alert type="success" showIcon title={t('account.password.done')} style={{ marginBottom: 16 }} data-testid="password-changed" />}
        <ApiForm<ChangePasswordValues, void>
          schema="ChangePasswordDto"
          testId="change-password-form"
          layout="vertical"
          submitLabel={t('account.password.submit')}
          successMessage={t('account.password.done')}
          submit={({ currentPassword, newPassword }, key) => api.post('/auth/password', { body: { currentPassword, newPassword }, idempotencyKey: key })}
          onDone={() => setDone(true)}
        >
          <Field name="currentPassword" label={t('account.password.current')}>
            <Input.Password autoComplete="current-password" />
          </Field>
          <Field name="newPassword" label={t('account.password.new')} extra={t('account.password.rule')}>
            <Input.Password autoComplete="new-password" />
          </Field>
          <ConfirmField />
        </ApiForm>
      </Card>
    </>
  );
}

/** The second entry of the new password; checked here only (the API never sees it). */
function ConfirmField() {
  const { t } = useI18n();
  return (
    <Field
      name="confirmPassword"
      label={t('account.password.confirm')}
      rules={[
        { required: true, message: t('form.required') },
        ({ getFieldValue }) => ({
          validator: (_rule, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('account.password.mismatch')))),
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Field>
  );
}

type ResetValues = Schema<'CompletePasswordResetDto'> & { confirmPassword?: string };

/** Public page: sets a new password with the one-time token a platform admin handed over. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f4fa', padding: 16 }}>
      <Space orientation="vertical" size="large" style={{ width: 480, maxWidth: '100%' }}>
        <Card title={t('account.reset.title')}>
          <Typography.Paragraph type="secondary">{t('account.reset.sub')}</Typography.Paragraph>
          <ApiForm<ResetValues, void>
            schema="CompletePasswordResetDto"
            testId="reset-password-form"
            layout="vertical"
            submitLabel={t('account.reset.submit')}
            successMessage={t('account.reset.done')}
            submit={({ token, newPassword }, key) => api.post('/auth/password/reset', { body: { token: token.trim(), newPassword }, idempotencyKey: key })}
            onDone={() => navigate('/login', { replace: true })}
          >
            <Field name="token" label={t('account.reset.token')}>
              <Input autoComplete="off" />
            </Field>
            <Field name="newPassword" label={t('account.password.new')} extra={t('account.password.rule')}>
              <Input.Password autoComplete="new-password" />
            </Field>
            <ConfirmField />
          </ApiForm>
          <Link to="/login">{t('account.reset.toLogin')}</Link>
        </Card>
      </Space>
    </div>
  );
}
