import { Alert, Card } from 'antd';
import { useState } from 'react';
import { api, type Schema } from '../../app/api';
import { Facts, Money, PageHeader } from '../../app/common';
import { ApiForm, DateInput, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';

type DailyRun = Schema<'DailyRunDto'>;
/** A run still on the worker after DAILY_RUN_WAIT_MS: the API answers 202 with the job (docs/architecture.md, "Long work"). */
type DailyRunQueued = Schema<'DailyRunQueuedDto'>;

/**
 * 日终处理: the daily calendar job (voucher expiry with the balance back to the budget, lapsed orders, claims past
 * redeem-by, settlement cut-offs) run now, optionally as of a day. The scheduler runs it every night; this is for
 * the platform admin after an outage. Each step is idempotent, so running it twice changes nothing more.
 */
export function DailyRunPage() {
  const { t } = useI18n();
  const [result, setResult] = useState<DailyRun | DailyRunQueued>();
  return (
    <>
      <PageHeader title={t('admin.daily.title')} sub={t('admin.daily.sub')} />
      <Card style={{ marginBottom: 16, maxWidth: 560 }}>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('admin.daily.help')} />
        <ApiForm<Schema<'RunDailyDto'>, DailyRun | DailyRunQueued>
          schema="RunDailyDto"
          testId="daily-run-form"
          layout="vertical"
          submitLabel={t('admin.daily.run')}
          submit={(body, key) => api.post('/admin/daily-run', { body, idempotencyKey: key })}
          onDone={setResult}
        >
          <Field name="asOf" label={t('admin.daily.asOf')} extra={t('admin.daily.asOfHelp')}>
            <DateInput />
          </Field>
        </ApiForm>
      </Card>
      {result && 'jobId' in result && (
        <Alert
          data-testid="daily-run-queued"
          type={result.failedReason ? 'error' : 'warning'}
          showIcon
          title={result.failedReason ? t('admin.daily.failed', { reason: result.failedReason }) : t('admin.daily.queued', { job: result.jobId })}
        />
      )}
      {result && !('jobId' in result) && (
        <div data-testid="daily-run-result">
          <Facts
            title={t('admin.daily.result', { day: result.asOf })}
            items={[
              [t('admin.daily.vouchersExpired'), <span data-testid="daily-vouchers-expired">{result.vouchersExpired}</span>],
              [t('admin.daily.returnedToBudget'), <Money fen={result.returnedToBudgetFen} />],
              [t('admin.daily.ordersLapsed'), result.ordersLapsed],
              [t('admin.daily.claimsRejected'), result.claimsRejected],
              [t('admin.daily.batchesClosed'), result.batchesClosed],
            ]}
          />
        </div>
      )}
    </>
  );
}
