import { NotificationOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import { findingMessages } from '../../app/finding-messages';
import { commonMessages } from '../../app/messages';
import { accountMessages } from './account-messages';
import { noticeMessages } from './notice-messages';

// Each page loads on first use (web/README.md, "Lazy pages").
const ChangePasswordPage = lazyPage(() => import('./account'), 'ChangePasswordPage');
const ResetPasswordPage = lazyPage(() => import('./account'), 'ResetPasswordPage');
const NotificationsPage = lazyPage(() => import('./notifications'), 'NotificationsPage');
const PublicNoticesPage = lazyPage(() => import('./public-notices'), 'PublicNoticesPage');

const EVERYONE = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin', 'roadshow_organiser'] as const;

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
  messages: {
    zh: { ...commonMessages.zh, ...accountMessages.zh, ...noticeMessages.zh, ...findingMessages.zh },
    en: { ...commonMessages.en, ...accountMessages.en, ...noticeMessages.en, ...findingMessages.en },
  },
};
