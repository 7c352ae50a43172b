import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Lang = 'zh' | 'en';
/** A flat dictionary per language; keys are dotted (`voucher.apply.title`). */
export type Messages = Record<Lang, Record<string, string>>;

const LANG_KEY = 'g60.lang';
const dictionaries: Messages = { zh: {}, en: {} };

/** Areas register their messages once, at module load. A key defined twice is a bug and throws. */
export function registerMessages(messages: Messages): void {
  for (const lang of ['zh', 'en'] as const) {
    for (const [key, text] of Object.entries(messages[lang])) {
      if (key in dictionaries[lang] && dictionaries[lang][key] !== text) throw new Error(`i18n key defined twice: ${key}`);
      dictionaries[lang][key] = text;
    }
  }
}

export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? dictionaries.zh[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** Keys present in one language but not the other (checked by the build's unit test). */
export function missingTranslations(): { zh: string[]; en: string[] } {
  const zh = Object.keys(dictionaries.en).filter((k) => !(k in dictionaries.zh));
  const en = Object.keys(dictionaries.zh).filter((k) => !(k in dictionaries.en));
  return { zh, en };
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: string, vars?: Record<string, string | number>): string;
  /** A status, role or enum value shown to people: `status.<value>` in the dictionary, else the value itself. */
  label(group: string, value: string | null | undefined): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      label: (group, v) => {
        if (v === null || v === undefined || v === '') return '—';
        const key = `${group}.${v}`;
        return dictionaries[lang][key] ?? dictionaries.zh[key] ?? v;
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
