import { Spin } from 'antd';
import { createContext, ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { api, login as apiLogin, logout as apiLogout, tokens } from './api';
import type { Schema } from './api';
import { langFromTag, langTag, onLangSwitched, useI18n } from './i18n';

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
    } catch {
      setMe(undefined);
    } finally {
      setLoading(false);
    }
  }, []);
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
  useLanguageFollowsUser(me, setMe);
  return <AuthContext.Provider value={{ me, loading, signIn, signOut, refreshMe }}>{children}</AuthContext.Provider>;
}

/**
 * A signed-in user's language follows them from device to device (docs/i18n.md): a switch while signed in
 * is saved to their account, and at sign-in a saved choice wins over this device's. Until they choose,
 * nothing is saved and each device keeps its own.
 */
function useLanguageFollowsUser(me: Me | undefined, setMe: (update: (current: Me | undefined) => Me | undefined) => void) {
  const { lang, setLang } = useI18n();
  const current = useRef(me);
  current.current = me;
  const save = useCallback(
    (tag: 'zh-CN' | 'zh-Hant' | 'en') =>
      api.put('/me/preferences', { body: { locale: tag } }).then(
        () => setMe((m) => (m ? { ...m, user: { ...m.user, locale: tag } } : m)),
        () => undefined, // a preference that did not save is kept on this device; the next switch tries again
      ),
    [setMe],
  );
  const userId = me?.user.id;
  useEffect(() => {
    if (!current.current) return;
    const stored = langFromTag(current.current.user.locale);
    if (stored && stored !== lang) void setLang(stored);
    // Once per signed-in user, not on every switch (a switch is saved below).
  }, [userId]);
  useEffect(
    () =>
      onLangSwitched((next) => {
        const signedIn = current.current;
        if (signedIn && signedIn.user.locale !== langTag(next)) void save(langTag(next));
      }),
    [save],
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
