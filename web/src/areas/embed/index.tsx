import { type Area, lazyPage } from '../../app/area';
import { embedMessages } from './messages';

const CatalogWidget = lazyPage(() => import('./widgets'), 'CatalogWidget');
const RoadshowCalendarWidget = lazyPage(() => import('./widgets'), 'RoadshowCalendarWidget');
const SessionLiveWidget = lazyPage(() => import('./widgets'), 'SessionLiveWidget');

/**
 * Embeddable widgets (issue 19): pages without the portal shell, readable without sign-in, that the sites of
 * EMBED_ALLOWED_ORIGINS may frame (the server sets their frame-ancestors; src/platform/web/portal.ts).
 */
export const embedArea: Area = {
  key: 'embed',
  pages: [],
  publicPages: [
    { path: '/embed/catalog', element: <CatalogWidget /> },
    { path: '/embed/roadshows', element: <RoadshowCalendarWidget /> },
    { path: '/embed/sessions/:id/live', element: <SessionLiveWidget /> },
  ],
  messages: embedMessages,
};
