import { Alert, Card, Checkbox, Form, Input, Radio, Segmented, Select, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { usccProblem } from '@shared/uscc';
import { api, ApiError, type Schema } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { RegionSelect } from '../../app/widgets/region-select';

/** The registration's body, and the password typed twice. */
type RegisterValues = Schema<'RegisterDto'> & { confirmPassword: string };

/**
 * Self-registration of an enterprise, a lab (服务机构: registering is its application for admission,
 * which then runs through review and public notice) or an investor; signs the new user in afterwards.
 */
export function RegisterPage() {
  const { t, lang, setLang } = useI18n();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const kind = Form.useWatch('kind', form) ?? 'enterprise';

  const submit = async (v: RegisterValues, key: string) => {
    const org = { ...v.organization };
    if (v.kind !== 'provider') {
      delete org.providerKind;
      delete org.accreditations;
    }
    for (const k of ['contactName', 'contactPhone'] as const) if (!org[k]) delete org[k];
    await api.post('/auth/register', { body: { kind: v.kind, organization: { ...org, name: org.name.trim(), uscc: org.uscc.trim() }, user: v.user }, idempotencyKey: key });
    // The answer never says whether the e-mail already had an account (docs/security.md): when these
    // credentials do not sign in, the person goes to the sign-in page like anyone else.
    return signIn(v.user.email, v.user.password).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return undefined;
      throw err;
    });
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', justifyContent: 'center', background: '#f0f4fa', padding: '32px 16px' }}>
      <Space orientation="vertical" size="large" style={{ width: 640, maxWidth: '100%' }}>
        <div style={{ textAlign: 'center' }}>
          <Typography.Title level={2} style={{ marginBottom: 0 }}>{t('app.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('enterprise.register.subtitle')}</Typography.Text>
        </div>
        <Card
          title={t('enterprise.register.title')}
          extra={<Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]} />}
        >
          <ApiForm<RegisterValues, Awaited<ReturnType<typeof signIn>> | undefined>
            schema="RegisterDto"
            form={form}
            initialValues={{ kind: 'enterprise', organization: { accreditations: [] } as unknown as RegisterValues['organization'] }}
            submit={submit}
            submitLabel={t('enterprise.register.submit')}
            onDone={(me) => navigate(me ? '/' : '/login', { replace: true })}
            testId="register-form"
          >
            <Field name="kind" label={t('enterprise.register.kind')}>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="register-kind">
                {(['enterprise', 'provider', 'investor'] as const).map((k) => (
                  <Radio.Button key={k} value={k}>{t(`enterprise.register.kind.${k}`)}</Radio.Button>
                ))}
              </Radio.Group>
            </Field>
            {kind === 'provider' && <Alert type="info" showIcon title={t('enterprise.register.providerNote')} style={{ marginBottom: 16 }} />}
            <Typography.Title level={5}>{t('enterprise.register.organization')}</Typography.Title>
            <Field name={['organization', 'name']} label={t('org.name')}>
              <Input placeholder={t(`enterprise.register.orgNamePlaceholder.${kind}`)} />
            </Field>
            <Field
              name={['organization', 'uscc']}
              label={t('org.uscc')}
              extra={t('enterprise.register.usccHelp')}
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value) return;
                    const problem = usccProblem(value.trim());
                    if (problem) throw new Error(t(`enterprise.uscc.${problem}`));
                  },
                },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Field>
            <Field name={['organization', 'regionCode']} label={t('org.region')}>
              <RegionSelect placeholder={t('enterprise.register.regionPlaceholder')} data-testid="register-region" />
            </Field>
            <Space size="middle" style={{ display: 'flex' }} align="start">
              <Field name={['organization', 'contactName']} label={t('org.contactName')}>
                <Input />
              </Field>
              <Field name={['organization', 'contactPhone']} label={t('org.contactPhone')}>
                <Input />
              </Field>
            </Space>
            {kind === 'provider' && (
              <>
                <Field name={['organization', 'providerKind']} label={t('org.providerKind')}>
                  <Select options={(['university', 'institute', 'third_party_lab'] as const).map((k) => ({ value: k, label: t(`org.providerKind.${k}`) }))} />
                </Field>
                <Field name={['organization', 'accreditations']} label={t('org.accreditations')}>
                  <Checkbox.Group options={['CMA', 'CNAS']} />
                </Field>
              </>
            )}
            <Typography.Title level={5}>{t('enterprise.register.user')}</Typography.Title>
            <Field name={['user', 'displayName']} label={t('enterprise.register.displayName')}>
              <Input />
            </Field>
            <Field name={['user', 'email']} label={t('login.email')}>
              <Input autoComplete="username" />
            </Field>
            <Field name={['user', 'password']} label={t('login.password')} extra={t('enterprise.register.passwordHelp')}>
              <Input.Password autoComplete="new-password" />
            </Field>
            <Form.Item
              name="confirmPassword"
              label={t('enterprise.register.confirmPassword')}
              dependencies={[['user', 'password']]}
              rules={[
                { required: true, message: t('form.required') },
                ({ getFieldValue }) => ({
                  validator: async (_, value: string) => {
                    if (value && value !== getFieldValue(['user', 'password'])) throw new Error(t('enterprise.register.passwordMismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </ApiForm>
          <div style={{ marginTop: 16 }}>
            <Link to="/login">{t('enterprise.register.haveAccount')}</Link>
          </div>
        </Card>
      </Space>
    </div>
  );
}
