import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isIdCardNumber } from '@shared/id-card';
import { usccProblem } from '@shared/uscc';
import { api, ApiError, type Schema } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { RegionSelect } from '../../app/widgets/region-select';
import { ElderToggle } from '../../app/elder-toggle';
import { LanguageSwitch } from '../../app/language-switch';

/** The registration's body, and the password typed twice. */
type RegisterValues = Schema<'RegisterDto'> & { confirmPassword: string };

type Host = Schema<'HostOrganizationDto'>;

/** Members (besides the leader) a team lists: as the API's NewInnovationTeamDto says. */
const TEAM_MEMBERS_MAX = 50;

/**
 * Self-registration of an enterprise, an innovation team (创新团队: no USCC; a leader, members and
 * perhaps a host organisation), a lab (服务机构: registering is its application for admission, which
 * then runs through review and public notice) or an investor; signs the new user in afterwards.
 */
export function RegisterPage() {
  const { t } = useI18n();
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
    const body: Schema<'RegisterDto'> =
      v.kind === 'team'
        ? { kind: v.kind, organization: { name: org.name.trim(), regionCode: org.regionCode }, user: v.user, team: teamBody(v.team) }
        : { kind: v.kind, organization: { ...org, name: org.name.trim(), uscc: org.uscc?.trim() }, user: v.user };
    await api.post('/auth/register', { body, idempotencyKey: key });
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
          extra={
            <Space size="small">
              <ElderToggle compact />
              <LanguageSwitch testId="lang-toggle" />
            </Space>
          }
        >
          <ApiForm<RegisterValues, Awaited<ReturnType<typeof signIn>> | undefined>
            schema="RegisterDto"
            form={form}
            initialValues={{ kind: 'enterprise', organization: { accreditations: [] } as unknown as RegisterValues['organization'], team: { members: [{ name: '' }] } as RegisterValues['team'] }}
            submit={submit}
            submitLabel={t('enterprise.register.submit')}
            onDone={(me) => navigate(me ? '/' : '/login', { replace: true })}
            testId="register-form"
          >
            <Field name="kind" label={t('enterprise.register.kind')}>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="register-kind">
                {(['enterprise', 'team', 'provider', 'investor'] as const).map((k) => (
                  <Radio.Button key={k} value={k}>{t(`enterprise.register.kind.${k}`)}</Radio.Button>
                ))}
              </Radio.Group>
            </Field>
            {kind === 'provider' && <Alert type="info" showIcon title={t('enterprise.register.providerNote')} style={{ marginBottom: 16 }} />}
            {kind === 'team' && <Alert type="info" showIcon title={t('enterprise.register.teamNote')} style={{ marginBottom: 16 }} />}
            <Typography.Title level={5}>{t('enterprise.register.organization')}</Typography.Title>
            <Field name={['organization', 'name']} label={t('org.name')}>
              <Input placeholder={t(`enterprise.register.orgNamePlaceholder.${kind}`)} />
            </Field>
            {kind !== 'team' && (
              <Field
                name={['organization', 'uscc']}
                label={t('org.uscc')}
                extra={t('enterprise.register.usccHelp')}
                rules={[
                  // A team has none; everyone else must give one (the API says the same).
                  { required: true, whitespace: true, message: t('form.required') },
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
            )}
            <Field name={['organization', 'regionCode']} label={t('org.region')} extra={kind === 'team' ? t('enterprise.register.teamRegionHelp') : undefined}>
              <RegionSelect placeholder={t('enterprise.register.regionPlaceholder')} data-testid="register-region" only={kind === 'team' ? (r) => r.kind === 'district' || r.kind === 'county' : undefined} />
            </Field>
            {kind === 'team' ? (
              <TeamFields />
            ) : (
              <Space size="middle" style={{ display: 'flex' }} align="start">
                <Field name={['organization', 'contactName']} label={t('org.contactName')}>
                  <Input />
                </Field>
                <Field name={['organization', 'contactPhone']} label={t('org.contactPhone')}>
                  <Input />
                </Field>
              </Space>
            )}
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

/** What the API takes of the team part of the form: blank optional fields left out. */
function teamBody(team: RegisterValues['team']): Schema<'NewInnovationTeamDto'> {
  if (!team) throw new Error('team fields missing');
  const idCardNumber = team.leader.idCardNumber?.trim().toUpperCase();
  return {
    leader: { name: team.leader.name.trim(), phone: team.leader.phone.trim(), ...(idCardNumber ? { idCardNumber } : {}) },
    members: team.members.map((m) => ({ name: m.name.trim(), ...(m.title?.trim() ? { title: m.title.trim() } : {}), ...(m.contact?.trim() ? { contact: m.contact.trim() } : {}) })),
    ...(team.hostOrganizationId ? { hostOrganizationId: team.hostOrganizationId } : {}),
  };
}

/** The innovation team's leader, its members (an editable list) and its host, if any. */
function TeamFields() {
  const { t } = useI18n();
  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <>
      <Typography.Title level={5}>{t('enterprise.register.leader')}</Typography.Title>
      <Space size="middle" style={{ display: 'flex' }} align="start">
        <Field name={['team', 'leader', 'name']} label={t('enterprise.register.leaderName')}>
          <Input data-testid="team-leader-name" />
        </Field>
        <Field name={['team', 'leader', 'phone']} label={t('enterprise.register.leaderPhone')}>
          <Input data-testid="team-leader-phone" />
        </Field>
      </Space>
      <Field
        name={['team', 'leader', 'idCardNumber']}
        label={t('enterprise.register.leaderIdCard')}
        extra={t('enterprise.register.leaderIdCardHelp')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (value && !isIdCardNumber(value.trim().toUpperCase())) throw new Error(t('enterprise.register.idCardInvalid'));
            },
          },
        ]}
      >
        <Input maxLength={18} style={{ fontFamily: 'monospace' }} autoComplete="off" />
      </Field>
      <Typography.Title level={5}>{t('enterprise.register.members')}</Typography.Title>
      <Form.List name={['team', 'members']}>
        {(fields, { add, remove }) => (
          <div data-testid="team-members-editor">
            {fields.map((field, i) => (
              <Space key={field.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'name']} rules={[required]}>
                  <Input placeholder={t('enterprise.team.name')} data-testid={`team-member-name-${i}`} maxLength={100} />
                </Form.Item>
                <Form.Item name={[field.name, 'title']}>
                  <Input placeholder={t('enterprise.team.memberTitle')} data-testid={`team-member-title-${i}`} maxLength={100} />
                </Form.Item>
                <Form.Item name={[field.name, 'contact']}>
                  <Input placeholder={t('enterprise.team.contact')} maxLength={100} />
                </Form.Item>
                {fields.length > 1 && <MinusCircleOutlined aria-label={t('enterprise.team.remove')} style={{ marginTop: 8 }} onClick={() => remove(field.name)} />}
              </Space>
            ))}
            {fields.length < TEAM_MEMBERS_MAX && (
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} data-testid="team-member-add-row">
                  {t('enterprise.register.addMember')}
                </Button>
              </Form.Item>
            )}
          </div>
        )}
      </Form.List>
      <Field name={['team', 'hostOrganizationId']} label={t('enterprise.register.host')} extra={t('enterprise.register.hostHelp')}>
        <HostSelect />
      </Field>
    </>
  );
}

/** Searches the active enterprises and admitted providers that may host a team, by name (two characters or more). */
function HostSelect(props: { value?: string; onChange?(value: string | undefined): void; id?: string }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Host[]>([]);
  const latest = useRef('');
  const search = async (q: string) => {
    latest.current = q;
    if (q.trim().length < 2) return setOptions([]);
    const found = await api.get('/host-organizations', { params: { query: { q: q.trim() } } });
    if (latest.current === q) setOptions(found);
  };
  return (
    <Select<string>
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      allowClear
      showSearch
      filterOption={false}
      onSearch={(q) => void search(q)}
      placeholder={t('enterprise.register.hostPlaceholder')}
      notFoundContent={t('enterprise.register.hostNone')}
      options={options.map((h) => ({ value: h.id, label: `${h.name}（${t(`enterprise.register.kind.${h.kind}`)}）` }))}
      data-testid="team-host-select"
    />
  );
}
