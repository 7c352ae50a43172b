import type { Messages } from '../../app/i18n';
import { fourEyesMessages } from './four-eyes-messages';
import { reviewMessages } from './messages';
import { misconductMessages } from './misconduct-messages';
import { recoveryMessages } from './recovery-messages';
import { reversalMessages } from './reversal-messages';

/** Every word of the review area, loaded on demand (app/area.ts, `loadMessages`). */
export const words: Messages = {
  zh: { ...reviewMessages.zh, ...fourEyesMessages.zh, ...recoveryMessages.zh, ...misconductMessages.zh, ...reversalMessages.zh },
  en: { ...reviewMessages.en, ...fourEyesMessages.en, ...recoveryMessages.en, ...misconductMessages.en, ...reversalMessages.en },
};
