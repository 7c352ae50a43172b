import { useI18n } from '../../app/i18n';
import { ClaimList, ClaimPage } from '../../features/orders/claims';

export function EnterpriseClaimsPage() {
  const { t } = useI18n();
  return <ClaimList side="enterprise" title={t('enterprise.claims.title')} sub={t('enterprise.claims.sub')} />;
}

export function EnterpriseClaimPage() {
  return <ClaimPage side="enterprise" />;
}
