import type { Area } from '../../app/area';
import { commonMessages } from '../../app/messages';
import { ChangePasswordPage, ResetPasswordPage } from './account';
import { accountMessages } from './account-messages';
import { NotificationsPage } from './notifications';

const EVERYONE = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin'] as const;

export const commonArea: Area = {
  key: 'common',
  pages: [
    { path: '/notifications', element: <NotificationsPage />, roles: [...EVERYONE] },
    // Opened from the user menu (layout.tsx), not the side menu.
    { path: '/account/password', element: <ChangePasswordPage />, roles: [...EVERYONE] },
  ],
  publicPages: [{ path: '/reset-password', element: <ResetPasswordPage /> }],
  messages: { zh: { ...commonMessages.zh, ...accountMessages.zh }, en: { ...commonMessages.en, ...accountMessages.en } },
};
