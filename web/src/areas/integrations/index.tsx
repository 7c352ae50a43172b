import { ApiOutlined, SafetyOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import type { Role } from '../../app/auth';
import { integrationsMessages } from './messages';

// Each page loads on first use (web/README.md, "Lazy pages").
const AllowedHostsPage = lazyPage(() => import('./allowed-hosts'), 'AllowedHostsPage');
const WebhooksPage = lazyPage(() => import('./webhooks'), 'WebhooksPage');

/** Every role belongs to an organisation whose admins may subscribe webhooks; the API decides who may change them. */
const EVERYONE: Role[] = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin', 'roadshow_organiser'];

/** Outgoing webhooks (docs/security.md, "Outbound calls"): the organisation's subscriptions, and the platform admin's allow-list. */
export const integrationsArea: Area = {
  key: 'integrations',
  pages: [
    { path: '/webhooks', element: <WebhooksPage />, roles: EVERYONE, menu: 'integrations.menu.webhooks', icon: <ApiOutlined /> },
    { path: '/ops/webhook-hosts', element: <AllowedHostsPage />, roles: ['platform_admin'], menu: 'integrations.menu.allowedHosts', icon: <SafetyOutlined />, group: 'nav.operations' },
  ],
  messages: integrationsMessages,
};
