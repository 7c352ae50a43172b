import { Button } from 'antd';
import { PageHeader } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { MisconductTable } from '../../features/credit/misconduct';

/**
 * 信用记录: what a paying region recorded against my enterprise or lab (docs/domain.md, "Misconduct"):
 * the facts, the evidence, the period, whether applications are barred today and what it did.
 */
export function CreditRecordsPage() {
  const { t } = useI18n();
  const records = useApi('/misconduct-records', { params: { query: { limit: 200 } } });
  return (
    <>
      <PageHeader title={t('credit.title')} sub={t('credit.sub')} extra={<Button onClick={() => void records.reload()}>{t('action.refresh')}</Button>} />
      <LoadError error={records.error} retry={() => void records.reload()} />
      <MisconductTable records={records.data ?? []} loading={records.loading} />
    </>
  );
}
