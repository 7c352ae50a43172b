import type { Locale } from 'antd/es/locale';
import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { announcePreference } from './preferences';
import { withGlossary } from '@shared/zh-hant';
import { interpolate } from '@shared/interpolate';

/** 简体中文, 繁體中文 and English (docs/i18n.md). */
export type Lang = 'zh' | 'zh-Hant' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'zh-Hant', 'en'];
/** The languages areas write their messages in; zh-Hant is derived from zh (npm run i18n:zh-hant). */
type SourceLang = 'zh' | 'en';
/** A flat dictionary per language; keys are dotted (`voucher.apply.title`). */
export type Messages = Record<SourceLang, Record<string, string>>;

const LANG_KEY = 'g60.lang';
const dictionaries: Record<Lang, Record<string, string>> = { zh: {}, 'zh-Hant': {}, en: {} };
/** Converts data (a region's or a category's name) to zh-Hant, once loaded. */
let hantText: ((text: string) => string) | undefined;

/** Areas register their messages once, at module load. A key defined twice is a bug and throws. */
export function registerMessages(messages: Messages): void {
  for (const lang of ['zh', 'en'] as const) {
    for (const [key, text] of Object.entries(messages[lang])) {
      if (key in dictionaries[lang] && dictionaries[lang][key] !== text) throw new Error(`i18n key defined twice: ${key}`);
      dictionaries[lang][key] = text;
    }
  }
}

/** Every registered message of a source language (for the build's checks and the zh-Hant generator). */
export function messagesOf(lang: SourceLang): Readonly<Record<string, string>> {
  return dictionaries[lang];
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The portal's language as an HTML / BCP 47 tag, and as the API stores a user's choice. */
export function langTag(lang: Lang): 'zh-CN' | 'zh-Hant' | 'en' {
  return lang === 'zh' ? 'zh-CN' : lang;
}

export function langFromTag(tag: string | null | undefined): Lang | undefined {
  return tag === 'zh-CN' ? 'zh' : tag === 'zh-Hant' || tag === 'en' ? tag : undefined;
}

/** Ant Design's zh-TW locale, set once loadZhHant() has run (main.tsx falls back to zh-CN until then). */
export let antdZhHant: Locale | undefined;

/**
 * Loads the zh-Hant messages (generated, committed: here and in packages/shared), the character converter for data and the zh-TW locales of
 * Ant Design and dayjs, as chunks of their own: only people who choose 繁體 download them.
 */
export async function loadZhHant(): Promise<void> {
  if (hantText) return;
  const [messages, sharedMessages, core, st, tw, antd] = await Promise.all([
    import('./messages.zh-hant.json'),
    // The words the server also uses (notifications', state and role labels), generated beside them.
    import('@shared/messages.zh-hant.json'),
    import('opencc-js/core'),
    import('opencc-js/dict/STCharacters'),
    import('opencc-js/dict/TWVariants'),
    import('antd/locale/zh_TW'),
    import('dayjs/locale/zh-tw'),
  ]);
  antdZhHant = antd.default;
  for (const file of [messages, sharedMessages]) Object.assign(dictionaries['zh-Hant'], (file as { default: Record<string, string> }).default);
  const convert = core.ConverterFactory([st.default], [tw.default]);
  hantText = (text) => withGlossary(text, convert);
}

/** Data named in Chinese and in English (a region, a category), in `lang`: zh-Hant is converted from the Chinese name. */
export function localName(lang: Lang, zh: string | null | undefined, en: string | null | undefined): string | undefined {
  if (lang === 'en') return en ?? zh ?? undefined;
  if (zh === null || zh === undefined) return en ?? undefined;
  return lang === 'zh-Hant' && hantText ? hantText(zh) : zh;
}

export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? dictionaries.zh[key] ?? key;
  return interpolate(text, vars);
}

/** Keys present in one language but not the other (checked by the build). */
export function missingTranslations(): { zh: string[]; en: string[] } {
  const zh = Object.keys(dictionaries.en).filter((k) => !(k in dictionaries.zh));
  const en = Object.keys(dictionaries.zh).filter((k) => !(k in dictionaries.en));
  return { zh, en };
}

function storedLang(): Lang {
  const stored = localStorage.getItem(LANG_KEY);
  return isLang(stored) ? stored : 'zh';
}

interface I18n {
  lang: Lang;
  /** Switches the language, loading zh-Hant first when needed; `announce: false` when applying a stored choice. */
  setLang(lang: Lang, announce?: boolean): Promise<void>;
  t(key: string, vars?: Record<string, string | number>): string;
  /** A status, role or enum value shown to people: `status.<value>` in the dictionary, else the value itself. */
  label(group: string, value: string | null | undefined): string;
  /** Data with a Chinese and an English name (a region, a category): the one for the current language. */
  pick(zh: string, en: string | null | undefined): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** The language stored on this device, with zh-Hant's chunk loaded: call before the first render. */
export async function initialLang(): Promise<Lang> {
  const lang = storedLang();
  if (lang === 'zh-Hant') await loadZhHant().catch(() => undefined);
  return lang;
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initial ?? storedLang();
    // zh-Hant without its chunk (not loaded yet) reads as zh until it is.
    return first === 'zh-Hant' && !hantText ? 'zh' : first;
  });
  const apply = useCallback(async (next: Lang) => {
    if (next === 'zh-Hant') await loadZhHant();
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = langTag(next);
    setLangState(next);
  }, []);
  const setLang = useCallback(
    async (next: Lang, announce = true) => {
      await apply(next);
      if (announce) announcePreference({ locale: langTag(next) });
    },
    [apply],
  );
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
      pick: (zh, en) => localName(lang, zh, en) ?? zh,
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
