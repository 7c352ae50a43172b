import { type ComponentType, lazy, type ReactNode } from 'react';
import type { Role } from './auth';
import type { Messages } from './i18n';

/** A page of an area; `roles` decides who may open it (the API checks again). */
export interface AreaPage {
  path: string;
  element: ReactNode;
  roles: Role[];
  /** Shown in the side menu when set (an i18n key). */
  menu?: string;
  icon?: ReactNode;
  /** Menu group (i18n key); pages without one sit at the top level. */
  group?: string;
  /** In the menu only for users of these kinds of organisation (an enterprise's qualifications, a team's members). */
  kinds?: string[];
  /** In the menu only for organisation admins (inviting members); the API checks again. */
  orgAdmin?: boolean;
}

/** One part of the portal (enterprise, lab, review, …), registered in areas/index.ts. */
export interface Area {
  key: string;
  pages: AreaPage[];
  /** Pages anyone may open without signing in (registration). */
  publicPages?: { path: string; element: ReactNode }[];
  /** Words the shell needs at once (menus, sign-in), registered at start. */
  messages?: Messages;
  /**
   * Words only this area's pages use, loaded before the shell or a public page of the area first renders for a
   * reader who may open one (areas/index.ts, `loadAreaWords`): the bureaus' words stay off an enterprise's phone.
   */
  loadMessages?: () => Promise<Messages>;
}

/**
 * A page that loads on first use: `const InboxPage = lazyPage(() => import('./inbox'), 'InboxPage')`. esbuild makes
 * each such module a chunk (code it shares with others goes into shared chunks); main.tsx shows a spinner (Suspense)
 * while it loads. Keeps the admin pages off an enterprise's phone.
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] as M[K] & ComponentType<any> })));
}
