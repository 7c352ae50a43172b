import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import { type ReactNode, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * People who ask their system for less motion get no animations: dialogs, pop-overs and menus appear at
 * once. (The browser tests ask for it too: a click during a pop-over's zoom-in was seen lost.)
 */
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AREAS, homePathFor } from './areas';
import { LoginPage } from './areas/common/login';
import { AuthProvider, RequireAuth, useAuth } from './app/auth';
import { I18nProvider, initialLang, type Lang, useI18n } from './app/i18n';
import { Shell } from './app/layout';
import { OfflineNotice, registerServiceWorker } from './app/offline-notice';
import { DisplayProvider, useDisplay } from './app/preferences';
import { portalTheme } from './app/theme';
import './app/accessibility.css';
import './app/responsive.css';

const DAYJS_LOCALE: Record<Lang, string> = { zh: 'zh-cn', 'zh-Hant': 'zh-tw', en: 'en' };
const ANTD_LOCALE = { zh: zhCN, 'zh-Hant': zhTW, en: enUS } satisfies Record<Lang, unknown>;

function Home() {
  const { me } = useAuth();
  return <Navigate to={me ? homePathFor(me.user.role) : '/login'} replace />;
}

/** A page whose chunk is still loading (pages load lazily: web/README.md, "Lazy pages"). */
function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{children}</Suspense>;
}

function Portal() {
  const { lang } = useI18n();
  const { elder } = useDisplay();
  dayjs.locale(DAYJS_LOCALE[lang]);
  return (
    <ConfigProvider locale={ANTD_LOCALE[lang]} theme={portalTheme({ elder, reducedMotion: REDUCED_MOTION })}>
      <AntApp>
        <OfflineNotice />
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {AREAS.flatMap((a) => a.publicPages ?? []).map((p) => (
                <Route key={p.path} path={p.path} element={<Loading>{p.element}</Loading>} />
              ))}
              <Route
                element={
                  <RequireAuth>
                    <Shell areas={AREAS} />
                  </RequireAuth>
                }
              >
                <Route index element={<Home />} />
                {AREAS.flatMap((a) => a.pages).map((p) => (
                  <Route key={p.path} path={p.path} element={<RequireAuth roles={p.roles}><Loading>{p.element}</Loading></RequireAuth>} />
                ))}
              </Route>
              <Route path="*" element={<Home />} />
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

registerServiceWorker();

// 繁體 needs its chunk before the first render (docs/i18n.md); the other languages start at once.
void initialLang().then((lang) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider initial={lang}>
        <DisplayProvider>
          <Portal />
        </DisplayProvider>
      </I18nProvider>
    </StrictMode>,
  ),
);
