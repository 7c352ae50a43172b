import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n';

/** Reloads what a page shows (`data-testid="refresh"`). */
export function RefreshButton({ onClick, loading }: { onClick(): void; loading?: boolean }) {
  const { t } = useI18n();
  return (
    <Button icon={<ReloadOutlined />} onClick={onClick} loading={loading} data-testid="refresh">
      {t('action.refresh')}
    </Button>
  );
}
