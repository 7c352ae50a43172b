import type { Area } from '../app/area';
import type { Role } from '../app/auth';
import { registerMessages } from '../app/i18n';
import { widgetMessages } from '../app/widgets/messages';
import { importMessages } from '../features/catalog/import-messages';
import { catalogMessages } from '../features/catalog/messages';
import { creditMessages } from '../features/credit/messages';
import { orderMessages } from '../features/orders/messages';
import { organizationMessages } from '../features/organizations/messages';
import { programmeMessages } from '../features/programmes/messages';
import { qualificationMessages } from '../features/qualifications/messages';
import { workflowMessages } from '../features/workflows/messages';
import { adminArea } from './admin';
import { commonArea } from './common';
import { dashboardsArea } from './dashboards';
import { embedArea } from './embed';
import { enterpriseArea } from './enterprise';
import { integrationsArea } from './integrations';
import { labArea } from './lab';
import { reviewArea } from './review';
import { roadshowArea } from './roadshow';

/**
 * Every part of the portal; the side menu lists their pages in this order. Admin comes first: its pages
 * are for platform admins only, whose home is queue health.
 */
export const AREAS: Area[] = [adminArea, enterpriseArea, labArea, reviewArea, dashboardsArea, roadshowArea, integrationsArea, commonArea, embedArea];
for (const area of AREAS) if (area.messages) registerMessages(area.messages);

const loading = new Map<string, Promise<void>>();
const loaded = new Set<string>();

/** Whether these areas' on-demand words are all in already (so a page renders without waiting). */
export function areaWordsLoaded(areas: Area[]): boolean {
  return areas.every((a) => !a.loadMessages || loaded.has(a.key));
}

/** Loads and registers the on-demand words of these areas (each once); resolves when all are in. */
export function loadAreaWords(areas: Area[]): Promise<void> {
  return Promise.all(
    areas.map((area) => {
      if (!area.loadMessages) return undefined;
      let done = loading.get(area.key);
      if (!done) {
        done = area.loadMessages().then((messages) => {
          registerMessages(messages);
          loaded.add(area.key);
        });
        done.catch(() => loading.delete(area.key)); // a failed chunk load may be retried
        loading.set(area.key, done);
      }
      return done;
    }),
  ).then(() => undefined);
}

/** The areas with a page this role may open: their words come before the shell renders. */
export function areasOf(role: Role): Area[] {
  return AREAS.filter((a) => a.pages.some((p) => p.roles.includes(role)));
}

/** Every area's words (the build's checks and the zh-Hant generator read them all). */
export function loadAllAreaWords(): Promise<void> {
  return loadAreaWords(AREAS);
}
// What several areas show the same way (app/widgets, features/<domain>) brings its own words.
for (const messages of [widgetMessages, catalogMessages, creditMessages, importMessages, orderMessages, organizationMessages, programmeMessages, qualificationMessages, workflowMessages]) registerMessages(messages);

/** Where a role lands after signing in: its first menu page. */
export function homePathFor(role: Role): string {
  return AREAS.flatMap((a) => a.pages).find((p) => p.menu && p.roles.includes(role))?.path ?? '/notifications';
}
