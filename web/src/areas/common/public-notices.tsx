import { Button, Input } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { ElderToggle } from '../../app/elder-toggle';
import { LanguageSwitch } from '../../app/language-switch';
import { formatTime, PageHeader } from '../../app/common';
import { type Loaded, LoadError, useApi } from '../../app/data';
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
      <NoticesTable
        notices={notices}
        testId="notices-table"
        rowPrefix="notice-row"
        objection={(n) =>
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
          )
        }
      />
    </>
  );
}

/**
 * 公示 for everyone (no sign-in; reached from the login page): the same list, what a notice publishes
 * only (provider, region, notice end). Objecting needs a signed-in organisation, so the page says so
 * and links to the sign-in that returns to the signed-in list.
 */
export function PublicNoticesOpenPage() {
  const { t } = useI18n();
  const notices = useApi('/public-notices');
  return (
    <div style={{ minHeight: '100vh', background: '#f0f4fa', padding: 16 }}>
      <main style={{ maxWidth: 960, margin: '0 auto' }}>
        <PageHeader
          title={t('notices.title')}
          sub={t('notices.publicSub')}
          extra={
            <>
              <ElderToggle compact />
              <LanguageSwitch testId="lang-toggle" />
              <Link to="/login?next=%2Fpublic-notices" data-testid="notices-sign-in">{t('notices.signInToObject')}</Link>
            </>
          }
        />
        <LoadError error={notices.error} retry={() => void notices.reload()} />
        <NoticesTable notices={notices} testId="public-notices-table" rowPrefix="public-notice-row" />
      </main>
    </div>
  );
}

/** The notices as a table: provider, region, notice end, and on the signed-in page the objection column. */
function NoticesTable({ notices, testId, rowPrefix, objection }: { notices: Loaded<PublicNotice[]>; testId: string; rowPrefix: string; objection?: (n: PublicNotice) => ReactNode }) {
  const { t } = useI18n();
  return (
    <ResponsiveTable<PublicNotice>
      rowKey="caseId"
      loading={notices.loading}
      dataSource={notices.data ?? []}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      data-testid={testId}
      locale={{ emptyText: t('notices.empty') }}
      onRow={(n) => rowProps(`${rowPrefix}-${n.caseId}`)}
      columns={[
        { title: t('notices.provider'), dataIndex: 'providerName' },
        { title: t('common.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
        { title: t('notices.endsAt'), dataIndex: 'noticeEndsAt', render: (v: string | null) => formatTime(v) },
        ...(objection ? [{ title: '', key: 'object', render: (_: unknown, n: PublicNotice) => objection(n) }] : []),
      ]}
    />
  );
}
