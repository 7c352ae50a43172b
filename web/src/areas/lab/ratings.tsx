import { PageHeader } from '../../app/common';
import { useI18n } from '../../app/i18n';
import { ReceivedRatings } from '../../features/orders/ratings';

/** 服务评价: what enterprises said of the lab's services, and its one reply to each (docs/domain.md, "Ratings"). */
export function LabRatingsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('lab.ratings.title')} sub={t('lab.ratings.sub')} />
      <ReceivedRatings />
    </>
  );
}
