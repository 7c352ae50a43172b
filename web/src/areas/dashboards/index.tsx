import type { Area } from '../../app/area';

/** Placeholder: pages of this area are added here. */
export const dashboardsArea: Area = {
  key: 'dashboards',
  pages: [],
  messages: { zh: {}, en: {} },
};
