import { Spin } from 'antd';
import { createContext, ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { api, ApiError, login as apiLogin, logout as apiLogout, tokens } from './api';
import type { Schema } from './api';
import { langFromTag, useI18n } from './i18n';
import { onPreferenceChanged, useDisplay } from './preferences';

export type Role = 'enterprise_user' | 'provider_user' | 'reviewer' | 'approver' | 'finance' | 'partner_admin' | 'investor' | 'platform_admin' | 'roadshow_organiser';

export type Me = Schema<'MeDto'>;

interface Auth {
  me: Me | undefined;
  loading: boolean;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  refreshMe(): Promise<void>;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me>();
  const [loading, setLoading] = useState(tokens.hasSession());
  const refreshMe = useCallback(async () => {
    if (!tokens.hasSession()) {
      setMe(undefined);
      setLoading(false);
      return;
    }
    try {
      setMe(await api.get('/me'));
    } catch (err) {
      // Offline (the service worker's shell: web/README.md, "PWA"): the session stays, the page waits under the
      // offline notice, and asks again once the network is back, instead of sending the user to sign in.
      if (err instanceof ApiError && err.code === 'NETWORK') {
        window.addEventListener('online', () => void refreshMeRef.current(), { once: true });
        return;
      }
      setMe(undefined);
    }
    setLoading(false);
  }, []);
  const refreshMeRef = useRef(refreshMe);
  useEffect(() => {
    void refreshMe();
    return tokens.onChange((signedIn) => {
      if (!signedIn) setMe(undefined);
    });
  }, [refreshMe]);
  const signIn = useCallback(async (email: string, password: string) => {
    await apiLogin(email, password);
    const current = await api.get('/me');
    setMe(current);
    return current;
  }, []);
  const signOut = useCallback(async () => {
    await apiLogout().catch(() => undefined);
    setMe(undefined);
  }, []);
  usePreferencesFollowUser(me, setMe);
  return <AuthContext.Provider value={{ me, loading, signIn, signOut, refreshMe }}>{children}</AuthContext.Provider>;
}

/**
 * A signed-in user's display preferences (language, elder mode) follow them from device to device
 * (docs/i18n.md, docs/accessibility.md): a change while signed in is saved to their account, and at sign-in
 * a saved choice wins over this device's. Until they choose, nothing is saved and each device keeps its own.
 */
function usePreferencesFollowUser(me: Me | undefined, setMe: (update: (current: Me | undefined) => Me | undefined) => void) {
  const { lang, setLang } = useI18n();
  const { elder, setElder } = useDisplay();
  const current = useRef(me);
  current.current = me;
  const userId = me?.user.id;
  useEffect(() => {
    const user = current.current?.user;
    if (!user) return;
    const stored = langFromTag(user.locale);
    if (stored && stored !== lang) void setLang(stored, false);
    if (user.elderMode !== null && user.elderMode !== elder) setElder(user.elderMode, false);
    // Once per signed-in user, not on every change (a change is saved below).
  }, [userId]);
  useEffect(
    () =>
      onPreferenceChanged((change) => {
        const user = current.current?.user;
        if (!user) return;
        const unsaved = (change.locale !== undefined && change.locale !== user.locale) || (change.elderMode !== undefined && change.elderMode !== user.elderMode);
        if (!unsaved) return;
        void api.put('/me/preferences', { body: change }).then(
          (saved) => setMe((m) => (m ? { ...m, user: { ...m.user, ...saved } } : m)),
          () => undefined, // kept on this device; the next change tries again
        );
      }),
    [setMe],
  );
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for pages under RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}

export function RequireAuth({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.includes(me.user.role)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
