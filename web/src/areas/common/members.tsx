import { Card } from 'antd';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../app/common';
import { useI18n } from '../../app/i18n';
import { OrganizationMembers } from '../../features/organizations/members';

/**
 * 成员与邀请: an organisation admin's own organisation — its users, and inviting a colleague (the default role of
 * the organisation's kind; whether they are an org admin too). The platform admin does the same for any
 * organisation from the user list (admin/users.tsx).
 */
export function MembersPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('members.title')} sub={t('members.sub')} />
      <Card title={me.organization.name}>
        <OrganizationMembers orgId={me.organization.id} />
      </Card>
    </>
  );
}
