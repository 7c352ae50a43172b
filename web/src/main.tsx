import { App as AntApp, Button, ConfigProvider, Result, Spin, message } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, StrictMode, Suspense, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * People who ask their system for less motion get no animations: dialogs, pop-overs and menus appear at
 * once. (The browser tests ask for it too: a click during a pop-over's zoom-in was seen lost.)
 */
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AREAS, areasOf, areaWordsLoaded, homePathFor, loadAreaWords } from './areas';
import type { Area } from './app/area';
import { LoginPage } from './areas/common/login';
import { AuthProvider, RequireAuth, useAuth, useMe } from './app/auth';
import { antdZhHant, I18nProvider, initialLang, type Lang, useI18n } from './app/i18n';
import { Shell } from './app/layout';
import { OfflineNotice, registerServiceWorker } from './app/offline-notice';
import { DisplayProvider, useDisplay } from './app/preferences';
import { useFocusableScrollRegions } from './app/scroll-regions';
import { portalTheme } from './app/theme';
import './app/accessibility.css';
import './app/responsive.css';

/**
 * Toasts ("saved", "done", a refusal) open below the 64 px header, never over it: on a phone a toast at the top
 * covered the language switch and the user menu for its three seconds (and a pointer resting on it keeps it open).
 */
message.config({ top: 72 });

const DAYJS_LOCALE: Record<Lang, string> = { zh: 'zh-cn', 'zh-Hant': 'zh-tw', en: 'en' };
// zh-TW's locales come with the 繁體 chunk (loadZhHant), which is loaded before 繁體 is shown.
const antdLocale = (lang: Lang) => (lang === 'en' ? enUS : lang === 'zh-Hant' ? (antdZhHant ?? zhCN) : zhCN);

/** `/` and any unknown address: the role's home once the session is known (a reload must not land on sign-in). */
function Home() {
  const { me, loading } = useAuth();
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  return <Navigate to={me ? homePathFor(me.user.role) : '/login'} replace />;
}

/** A page whose chunk is still loading (pages load lazily: web/README.md, "Lazy pages"). */
function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{children}</Suspense>;
}

/**
 * Renders its children once the on-demand words of these areas are in (areas/index.ts, `loadAreaWords`); a chunk
 * that failed to load (offline) is tried again with the button.
 */
function AreaWords({ areas, children }: { areas: Area[]; children: ReactNode }) {
  const { t } = useI18n();
  const [ready, setReady] = useState(() => areaWordsLoaded(areas));
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const keys = areas.map((a) => a.key).join();
  useEffect(() => {
    if (areaWordsLoaded(areas)) return setReady(true);
    let live = true;
    loadAreaWords(areas).then(
      () => live && setReady(true),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the areas by their keys
  }, [keys, attempt]);
  if (ready) return <>{children}</>;
  if (failed) {
    return (
      <Result status="warning" title={t('error.NETWORK')} extra={<Button onClick={() => { setFailed(false); setAttempt((n) => n + 1); }}>{t('action.retry')}</Button>} />
    );
  }
  return <Spin style={{ display: 'block', margin: '64px auto' }} />;
}

/** The signed-in shell, after the words of every area the reader's role may open. */
function ShellWithWords() {
  const me = useMe();
  const areas = useMemo(() => areasOf(me.user.role), [me.user.role]);
  return (
    <AreaWords areas={areas}>
      <Shell areas={AREAS} />
    </AreaWords>
  );
}

function Portal() {
  const { lang, t } = useI18n();
  useFocusableScrollRegions(t('common.scrollRegion'));
  const { elder } = useDisplay();
  dayjs.locale(DAYJS_LOCALE[lang]);
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={portalTheme({ elder, reducedMotion: REDUCED_MOTION })}>
      <AntApp>
        <OfflineNotice />
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {AREAS.flatMap((a) => (a.publicPages ?? []).map((p) => ({ area: a, ...p }))).map((p) => (
                <Route key={p.path} path={p.path} element={<AreaWords areas={[p.area]}><Loading>{p.element}</Loading></AreaWords>} />
              ))}
              <Route
                element={
                  <RequireAuth>
                    <ShellWithWords />
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
