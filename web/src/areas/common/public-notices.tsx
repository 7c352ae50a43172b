import { Button, Input } from 'antd';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { RegionName } from '../../app/regions';
import { FormAction } from '../../app/widgets/form-action';
import { rowProps } from '../../app/widgets/paged-table';
import type { Schema } from '../../app/api';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type PublicNotice = Schema<'PublicNoticeDto'>;

/**
 * 公示: provider admissions under public notice now (GET /public-notices). Registered organisations
 * other than the provider itself may object (docs/security.md, "Objections to public notices"); the API
 * rate-limits objections and refuses everyone else.
 */
export function PublicNoticesPage() {
  const { t } = useI18n();
  const me = useMe();
  const notices = useApi('/public-notices');
  const mayObject = (n: PublicNotice) => me.organization.kind !== 'agency' && n.providerId !== me.organization.id;
  return (
    <>
      <PageHeader title={t('notices.title')} sub={t('notices.sub')} extra={<Button onClick={() => void notices.reload()}>{t('action.refresh')}</Button>} />
      <LoadError error={notices.error} retry={() => void notices.reload()} />
      <ResponsiveTable<PublicNotice>
        rowKey="caseId"
        loading={notices.loading}
        dataSource={notices.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="notices-table"
        locale={{ emptyText: t('notices.empty') }}
        onRow={(n) => rowProps(`notice-row-${n.caseId}`)}
        columns={[
          { title: t('notices.provider'), dataIndex: 'providerName' },
          { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
          { title: t('notices.endsAt'), dataIndex: 'noticeEndsAt', render: (v: string | null) => formatTime(v) },
          {
            title: '',
            key: 'object',
            render: (_, n) =>
              mayObject(n) && (
                <FormAction<{ reason: string }, unknown>
                  label={t('notices.object')}
                  title={t('notices.objectTitle', { name: n.providerName })}
                  intro={t('notices.objectIntro')}
                  testId="notice-object"
                  schema="ObjectionDto"
                  submit={(v, key) => api.post('/approval-cases/{id}/objections', { params: { path: { id: n.caseId } }, body: v, idempotencyKey: key })}
                  successMessage={t('notices.objected')}
                  onDone={() => void notices.reload()}
                  buttonProps={{ size: 'small', danger: true }}
                >
                  <Field name="reason" label={t('notices.reason')}>
                    <Input.TextArea rows={4} />
                  </Field>
                </FormAction>
              ),
          },
        ]}
      />
    </>
  );
}
