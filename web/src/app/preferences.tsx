import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/**
 * Display preferences a person keeps (docs/accessibility.md, docs/i18n.md): elder mode here, the language in
 * i18n.tsx. Each is stored on the device and, for a signed-in user who changes it, on their account (auth.tsx
 * listens through onPreferenceChanged and saves it).
 */
export interface PreferenceChange {
  locale?: 'zh-CN' | 'zh-Hant' | 'en';
  elderMode?: boolean;
}

const listeners = new Set<(change: PreferenceChange) => void>();

/** Told when the person changes a preference themselves (not when a stored one is applied at sign-in). */
export function onPreferenceChanged(listener: (change: PreferenceChange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announcePreference(change: PreferenceChange): void {
  for (const listener of listeners) listener(change);
}

const ELDER_KEY = 'g60.elder';

function applyElder(on: boolean): void {
  document.documentElement.classList.toggle('g60-elder', on);
}

interface Display {
  elder: boolean;
  /** Turns elder mode on or off; `announce: false` when applying a stored choice (nothing to save). */
  setElder(on: boolean, announce?: boolean): void;
}

const DisplayContext = createContext<Display | undefined>(undefined);

export function DisplayProvider({ children }: { children: ReactNode }) {
  const [elder, setElderState] = useState(() => {
    const on = localStorage.getItem(ELDER_KEY) === '1';
    applyElder(on);
    return on;
  });
  const setElder = useCallback((on: boolean, announce = true) => {
    localStorage.setItem(ELDER_KEY, on ? '1' : '0');
    applyElder(on);
    setElderState(on);
    if (announce) announcePreference({ elderMode: on });
  }, []);
  const value = useMemo(() => ({ elder, setElder }), [elder, setElder]);
  return <DisplayContext.Provider value={value}>{children}</DisplayContext.Provider>;
}

export function useDisplay(): Display {
  const ctx = useContext(DisplayContext);
  if (!ctx) throw new Error('useDisplay outside DisplayProvider');
  return ctx;
}
