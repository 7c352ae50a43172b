import { Alert, Card, Form, Input, Switch, Typography } from 'antd';
import { api, type Schema } from '../../app/api';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';

type Preferences = Schema<'NotificationPreferencesDto'>;
type Values = { phone?: string; kinds: Preferences['kinds'] };

/**
 * 消息接收设置: which notifications also come by e-mail and by SMS (in-app always), and the SMS number
 * (docs/domain.md, "Messages that reach people"). One card per kind, so it reads the same on a phone.
 */
export function NotificationPreferencesPage() {
  const { t } = useI18n();
  const prefs = useApi('/me/notification-preferences');
  const [form] = Form.useForm<Values>();
  const phone = Form.useWatch('phone', form);
  const data = prefs.data;
  return (
    <>
      <PageHeader title={t('account.channels.title')} sub={t('account.channels.sub')} />
      <LoadError error={prefs.error} retry={() => void prefs.reload()} />
      {data && (
        <Card style={{ maxWidth: 720 }}>
          {!data.available.email && <Alert type="info" showIcon title={t('account.channels.noEmail')} style={{ marginBottom: 16 }} />}
          {!data.available.sms && <Alert type="info" showIcon title={t('account.channels.noSms')} style={{ marginBottom: 16 }} />}
          <Typography.Paragraph>
            {t('account.channels.emailTo')} <Typography.Text strong>{data.email}</Typography.Text>
          </Typography.Paragraph>
          <ApiForm<Values, Preferences>
            schema="UpdateNotificationPreferencesDto"
            form={form}
            testId="notification-preferences-form"
            initialValues={{ phone: data.phone ?? '', kinds: data.kinds }}
            submitLabel={t('account.channels.save')}
            successMessage={t('account.channels.saved')}
            submit={(values, key) =>
              api.put('/me/notification-preferences', {
                // A switch not shown (SMS not offered) sends its kind's current value.
                body: {
                  phone: values.phone?.trim() ? values.phone.trim() : null,
                  kinds: data.kinds.map((k, i) => ({ kind: k.kind, email: values.kinds?.[i]?.email ?? k.email, sms: values.kinds?.[i]?.sms ?? k.sms })),
                },
                idempotencyKey: key,
              }) as Promise<Preferences>
            }
            onDone={(saved) => form.setFieldsValue({ phone: saved.phone ?? '', kinds: saved.kinds })}
          >
            {data.available.sms && (
              <Field name="phone" label={t('account.channels.phone')} extra={t('account.channels.phoneHelp')}>
                <Input type="tel" autoComplete="tel" inputMode="tel" style={{ maxWidth: 280 }} />
              </Field>
            )}
            <Form.List name="kinds">
              {(fields) =>
                fields.map((f) => {
                  const kind = data.kinds[f.name]?.kind;
                  return (
                    <Card key={f.key} size="small" style={{ marginBottom: 12 }} data-testid={`channels-${kind}`}>
                      <Typography.Text strong>{t(`account.channels.kind.${kind}`)}</Typography.Text>
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('account.channels.inApp')}</Typography.Paragraph>
                      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 32 }}>
                        <Form.Item name={[f.name, 'kind']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item name={[f.name, 'email']} label={t('account.channels.email')} valuePropName="checked" layout="horizontal" style={{ marginBottom: 0 }}>
                          <Switch disabled={!data.available.email} />
                        </Form.Item>
                        {data.available.sms && (
                          <Form.Item name={[f.name, 'sms']} label={t('account.channels.sms')} valuePropName="checked" layout="horizontal" style={{ marginBottom: 0 }}>
                            <Switch disabled={!phone?.trim()} />
                          </Form.Item>
                        )}
                      </div>
                    </Card>
                  );
                })
              }
            </Form.List>
          </ApiForm>
        </Card>
      )}
    </>
  );
}
