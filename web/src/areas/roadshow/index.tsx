import type { Area } from '../../app/area';

/** Placeholder: pages of this area are added here. */
export const roadshowArea: Area = {
  key: 'roadshow',
  pages: [],
  messages: { zh: {}, en: {} },
};
