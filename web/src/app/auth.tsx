import { Spin } from 'antd';
import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { api, login as apiLogin, logout as apiLogout, tokens } from './api';
import type { Schema } from './api';

export type Role = 'enterprise_user' | 'provider_user' | 'reviewer' | 'approver' | 'finance' | 'partner_admin' | 'investor' | 'platform_admin';

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
  return <AuthContext.Provider value={{ me, loading, signIn, signOut, refreshMe }}>{children}</AuthContext.Provider>;
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
