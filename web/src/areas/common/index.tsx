import { NotificationOutlined } from '@ant-design/icons';
import type { Area } from '../../app/area';
import { commonMessages } from '../../app/messages';
import { ChangePasswordPage, ResetPasswordPage } from './account';
import { accountMessages } from './account-messages';
import { NotificationsPage } from './notifications';
import { noticeMessages } from './notice-messages';
import { PublicNoticesPage } from './public-notices';

const EVERYONE = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin'] as const;

export const commonArea: Area = {
  key: 'common',
  pages: [
    { path: '/notifications', element: <NotificationsPage />, roles: [...EVERYONE] },
    // 公示: registered organisations find provider admissions under notice and may object (the bureaus decide, they do not object).
    { path: '/public-notices', element: <PublicNoticesPage />, roles: ['enterprise_user', 'provider_user', 'investor'], menu: 'notices.menu', icon: <NotificationOutlined /> },
    // Opened from the user menu (layout.tsx), not the side menu.
    { path: '/account/password', element: <ChangePasswordPage />, roles: [...EVERYONE] },
  ],
  publicPages: [{ path: '/reset-password', element: <ResetPasswordPage /> }],
  messages: { zh: { ...commonMessages.zh, ...accountMessages.zh, ...noticeMessages.zh }, en: { ...commonMessages.en, ...accountMessages.en, ...noticeMessages.en } },
};
