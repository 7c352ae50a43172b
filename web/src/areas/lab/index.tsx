import type { Area } from '../../app/area';

/** Placeholder: pages of this area are added here. */
export const labArea: Area = {
  key: 'lab',
  pages: [],
  messages: { zh: {}, en: {} },
};
