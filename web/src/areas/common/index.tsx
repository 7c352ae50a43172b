import type { Area } from '../../app/area';
import { commonMessages } from '../../app/messages';
import { NotificationsPage } from './notifications';

const EVERYONE = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin'] as const;

export const commonArea: Area = {
  key: 'common',
  pages: [{ path: '/notifications', element: <NotificationsPage />, roles: [...EVERYONE] }],
  messages: commonMessages,
};
