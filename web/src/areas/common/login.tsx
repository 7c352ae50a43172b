import { Alert, Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useApi } from '../../app/data';
import { errorText } from '../../app/errors';
import { useI18n } from '../../app/i18n';
import type { Schema } from '../../app/api';
import { ElderToggle } from '../../app/elder-toggle';
import { LanguageSwitch } from '../../app/language-switch';
import { SsoSignIn } from './sso';

/** A seeded demo login (GET /auth/demo-logins: empty unless the server seeds demo data). */
type DemoLogin = Schema<'DemoLoginDto'>;

export function LoginPage() {
  const { signIn } = useAuth();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ email: string; password: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const demo = useApi('/auth/demo-logins');

  const submit = async (values: { email: string; password: string }) => {
    setPending(true);
    setError(undefined);
    try {
      await signIn(values.email.trim(), values.password);
      const next = params.get('next');
      // `/` sends a signed-in person to the role's home (main.tsx), without importing the areas here.
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f4fa', padding: 16 }}>
      <Space orientation="vertical" size="large" style={{ width: 420, maxWidth: '100%' }}>
        <div style={{ textAlign: 'center' }}>
          <Typography.Title level={2} style={{ marginBottom: 0 }}>{t('app.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        <Card
          title={t('login.title')}
          extra={
            <Space size="small">
              <ElderToggle compact />
              <LanguageSwitch testId="lang-toggle" />
            </Space>
          }
        >
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('form.required') }, { type: 'email', message: t('form.pattern') }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
            <Button type="primary" htmlType="submit" block loading={pending}>
              {t('login.submit')}
            </Button>
          </Form>
          <SsoSignIn />
          <div style={{ marginTop: 16 }}>
            <Link to="/register">{t('login.register')}</Link>
          </div>
          <div style={{ marginTop: 8 }}>
            <Link to="/forgot-password" data-testid="forgot-password-link">{t('account.forgot.link')}</Link>
          </div>
          <div style={{ marginTop: 8 }}>
            <Link to="/reset-password" data-testid="reset-password-link">{t('account.reset.link')}</Link>
          </div>
          <div style={{ marginTop: 8 }}>
            <Link to="/notices" data-testid="public-notices-link">{t('notices.publicLink')}</Link>
          </div>
          <div style={{ marginTop: 8 }}>
            <Link to="/screen" data-testid="big-screen-link">{t('login.screen')}</Link>
          </div>
        </Card>
        {!!demo.data?.length && (
          <Card size="small" title={t('login.demo')} data-testid="demo-logins">
            <Table
              size="small"
              pagination={false}
              rowKey="email"
              dataSource={demo.data}
              columns={[
                { dataIndex: 'role', title: '', render: (role: string) => label('role', role) },
                { dataIndex: 'email', title: '', render: (email: string, d: DemoLogin) => <a onClick={() => form.setFieldsValue({ email, password: d.password })}>{email}</a> },
              ]}
              showHeader={false}
            />
          </Card>
        )}
      </Space>
    </div>
  );
}
