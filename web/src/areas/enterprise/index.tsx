import type { Area } from '../../app/area';

/** Placeholder: pages of this area are added here. */
export const enterpriseArea: Area = {
  key: 'enterprise',
  pages: [],
  messages: { zh: {}, en: {} },
};
