import type { Area } from '../../app/area';

/** Placeholder: pages of this area are added here. */
export const adminArea: Area = {
  key: 'admin',
  pages: [],
  messages: { zh: {}, en: {} },
};
