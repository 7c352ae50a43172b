import { NotificationOutlined, SafetyOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { type Area, lazyPage } from '../../app/area';
import { findingMessages } from '../../app/finding-messages';
import { commonMessages } from '../../app/messages';
import { accountMessages } from './account-messages';
import { noticeMessages } from './notice-messages';
import { ssoMessages } from './sso-messages';

// Each page loads on first use (web/README.md, "Lazy pages").
const ChangePasswordPage = lazyPage(() => import('./account'), 'ChangePasswordPage');
const ResetPasswordPage = lazyPage(() => import('./account'), 'ResetPasswordPage');
const ForgotPasswordPage = lazyPage(() => import('./account'), 'ForgotPasswordPage');
const AcceptInvitationPage = lazyPage(() => import('./account'), 'AcceptInvitationPage');
const NotificationPreferencesPage = lazyPage(() => import('./notification-preferences'), 'NotificationPreferencesPage');
const NotificationsPage = lazyPage(() => import('./notifications'), 'NotificationsPage');
const PublicNoticesPage = lazyPage(() => import('./public-notices'), 'PublicNoticesPage');
const CalendarFeedPage = lazyPage(() => import('./calendar-feed'), 'CalendarFeedPage');
const PublicNoticesOpenPage = lazyPage(() => import('./public-notices'), 'PublicNoticesOpenPage');
const CreditRecordsPage = lazyPage(() => import('./credit-records'), 'CreditRecordsPage');
const MembersPage = lazyPage(() => import('./members'), 'MembersPage');

const EVERYONE = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin', 'roadshow_organiser'] as const;

export const commonArea: Area = {
  key: 'common',
  pages: [
    { path: '/notifications', element: <NotificationsPage />, roles: [...EVERYONE] },
    // 公示: registered organisations find provider admissions under notice and may object (the bureaus decide, they do not object).
    { path: '/public-notices', element: <PublicNoticesPage />, roles: ['enterprise_user', 'provider_user', 'investor'], menu: 'notices.menu', icon: <NotificationOutlined /> },
    // 信用记录: misconduct recorded against the reader's own enterprise or lab.
    { path: '/credit-records', element: <CreditRecordsPage />, roles: ['enterprise_user', 'provider_user'], menu: 'credit.menu', icon: <SafetyOutlined /> },
    // Organisation admins invite their own colleagues (the platform admin does it for anyone at /ops/users).
    { path: '/organization/members', element: <MembersPage />, roles: [...EVERYONE].filter((r) => r !== 'platform_admin'), menu: 'members.menu', icon: <UsergroupAddOutlined />, orgAdmin: true },
    // Opened from the user menu (layout.tsx), not the side menu.
    { path: '/account/password', element: <ChangePasswordPage />, roles: [...EVERYONE] },
    { path: '/account/calendar', element: <CalendarFeedPage />, roles: [...EVERYONE] },
    { path: '/account/notifications', element: <NotificationPreferencesPage />, roles: [...EVERYONE] },
  ],
  publicPages: [
    { path: '/reset-password', element: <ResetPasswordPage /> },
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
    { path: '/accept-invitation', element: <AcceptInvitationPage /> },
    // 公示 without signing in (linked from the login page); objections stay on /public-notices.
    { path: '/notices', element: <PublicNoticesOpenPage /> },
  ],
  messages: {
    zh: { ...commonMessages.zh, ...accountMessages.zh, ...noticeMessages.zh, ...ssoMessages.zh, ...findingMessages.zh },
    en: { ...commonMessages.en, ...accountMessages.en, ...noticeMessages.en, ...ssoMessages.en, ...findingMessages.en },
  },
  // The inbox's words for each notification kind: off the first load (it is at its budget), in before the shell renders.
  loadMessages: () => import('@shared/notification-messages').then((m) => m.notificationMessages),
};
