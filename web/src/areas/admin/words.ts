import type { Messages } from '../../app/i18n';
import { apiKeyMessages } from './api-keys-messages';
import { dailyRunMessages } from './daily-run-messages';
import { messageDeliveryMessages } from './message-deliveries-messages';
import { adminMessages } from './messages';

/** Every word of the admin area, loaded on demand (app/area.ts, `loadMessages`). */
export const words: Messages = {
  zh: { ...adminMessages.zh, ...apiKeyMessages.zh, ...dailyRunMessages.zh, ...messageDeliveryMessages.zh },
  en: { ...adminMessages.en, ...apiKeyMessages.en, ...dailyRunMessages.en, ...messageDeliveryMessages.en },
};
