import type { Area } from '../../app/area';

/** Placeholder: pages of this area are added here. */
export const reviewArea: Area = {
  key: 'review',
  pages: [],
  messages: { zh: {}, en: {} },
};
