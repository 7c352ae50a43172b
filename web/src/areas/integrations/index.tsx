import { ApiOutlined, SafetyOutlined } from '@ant-design/icons';
import type { Area } from '../../app/area';
import type { Role } from '../../app/auth';
import { AllowedHostsPage } from './allowed-hosts';
import { integrationsMessages } from './messages';
import { WebhooksPage } from './webhooks';

/** Every role belongs to an organisation whose admins may subscribe webhooks; the API decides who may change them. */
const EVERYONE: Role[] = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin'];

/** Outgoing webhooks (docs/security.md, "Outbound calls"): the organisation's subscriptions, and the platform admin's allow-list. */
export const integrationsArea: Area = {
  key: 'integrations',
  pages: [
    { path: '/webhooks', element: <WebhooksPage />, roles: EVERYONE, menu: 'integrations.menu.webhooks', icon: <ApiOutlined /> },
    { path: '/ops/webhook-hosts', element: <AllowedHostsPage />, roles: ['platform_admin'], menu: 'integrations.menu.allowedHosts', icon: <SafetyOutlined />, group: 'admin.group' },
  ],
  messages: integrationsMessages,
};
