import { Alert, Card, Input, Space, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, type Schema } from '../../app/api';
import { PageHeader } from '../../app/common';
import { ApiForm, Field } from '../../app/forms';
import { ElderToggle } from '../../app/elder-toggle';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/language-switch';

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
          <NewPasswordFields />
        </ApiForm>
      </Card>
    </>
  );
}

/** The new password (the API's field `name`) and its second entry, which is checked here only (the API never sees it). */
function NewPasswordFields({ name = 'newPassword' }: { name?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Field name={name} label={t('account.password.new')} extra={t('account.password.rule')}>
        <Input.Password autoComplete="new-password" />
      </Field>
      <ConfirmField of={name} />
    </>
  );
}

function ConfirmField({ of }: { of: string }) {
  const { t } = useI18n();
  return (
    <Field
      name="confirmPassword"
      label={t('account.password.confirm')}
      rules={[
        { required: true, message: t('form.required') },
        ({ getFieldValue }) => ({
          validator: (_rule, value) => (!value || value === getFieldValue(of) ? Promise.resolve() : Promise.reject(new Error(t('account.password.mismatch')))),
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Field>
  );
}

type ResetValues = Schema<'CompletePasswordResetDto'> & { confirmPassword?: string };

/** The frame of the public account pages (reset, forgot, invitation): one card in the middle, with elder mode and language as on sign-in. */
function PublicCard({ title, sub, children }: { title: string; sub: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f4fa', padding: 16 }}>
      <Space orientation="vertical" size="large" style={{ width: 480, maxWidth: '100%' }}>
        <Card
          title={<h1 style={{ fontSize: 'inherit', margin: 0 }}>{title}</h1>}
          extra={
            <Space size="small">
              <ElderToggle compact />
              <LanguageSwitch testId="lang-toggle" />
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">{sub}</Typography.Paragraph>
          {children}
          <Link to="/login">{t('account.reset.toLogin')}</Link>
        </Card>
      </Space>
    </div>
  );
}

/**
 * Public page: sets a new password with a one-time token, from the e-mailed link (`?token=`, filled in)
 * or handed over by a platform admin.
 */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const fromLink = params.get('token') ?? undefined;
  return (
    <PublicCard title={t('account.reset.title')} sub={t(fromLink ? 'account.reset.subLink' : 'account.reset.sub')}>
      <ApiForm<ResetValues, void>
        schema="CompletePasswordResetDto"
        testId="reset-password-form"
        layout="vertical"
        initialValues={{ token: fromLink }}
        submitLabel={t('account.reset.submit')}
        successMessage={t('account.reset.done')}
        submit={({ token, newPassword }, key) => api.post('/auth/password/reset', { body: { token: token.trim(), newPassword }, idempotencyKey: key })}
        onDone={() => navigate('/login', { replace: true })}
      >
        <Field name="token" label={t('account.reset.token')} hidden={!!fromLink}>
          <Input autoComplete="off" />
        </Field>
        <NewPasswordFields />
      </ApiForm>
    </PublicCard>
  );
}

/** Public page: "forgot password". The answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  return (
    <PublicCard title={t('account.forgot.title')} sub={t('account.forgot.sub')}>
      {sent ? (
        <Alert type="success" showIcon title={t('account.forgot.sent')} style={{ marginBottom: 16 }} data-testid="forgot-sent" />
      ) : (
        <ApiForm<Schema<'ForgotPasswordDto'>, void>
          schema="ForgotPasswordDto"
          testId="forgot-password-form"
          layout="vertical"
          submitLabel={t('account.forgot.submit')}
          submit={({ email }, key) => api.post('/auth/password/forgot', { body: { email: email.trim() }, idempotencyKey: key })}
          onDone={() => setSent(true)}
        >
          <Field name="email" label={t('login.email')}>
            <Input type="email" autoComplete="email" />
          </Field>
        </ApiForm>
      )}
    </PublicCard>
  );
}

type AcceptValues = Schema<'AcceptInvitationDto'> & { confirmPassword?: string };

/** Public page: the invitation e-mail's link (`?token=`): choose a name and password, then sign in. */
export function AcceptInvitationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  return (
    <PublicCard title={t('account.invite.title')} sub={t('account.invite.sub')}>
      {!token && <Alert type="warning" showIcon title={t('account.invite.noToken')} style={{ marginBottom: 16 }} />}
      <ApiForm<AcceptValues, unknown>
        schema="AcceptInvitationDto"
        testId="accept-invitation-form"
        layout="vertical"
        submitLabel={t('account.invite.submit')}
        successMessage={t('account.invite.done')}
        submit={({ displayName, password }, key) => api.post('/auth/invitations/accept', { body: { token, displayName: displayName.trim(), password }, idempotencyKey: key })}
        onDone={() => navigate('/login', { replace: true })}
      >
        <Field name="displayName" label={t('account.invite.name')}>
          <Input autoComplete="name" />
        </Field>
        <NewPasswordFields name="password" />
      </ApiForm>
    </PublicCard>
  );
}
