import { Segmented, message } from 'antd';
import { type Lang, useI18n } from './i18n';

const OPTIONS: { value: Lang; label: string; title: string }[] = [
  { value: 'zh', label: '简体', title: '简体中文' },
  { value: 'zh-Hant', label: '繁體', title: '繁體中文' },
  { value: 'en', label: 'EN', title: 'English' },
];

/** 简体 · 繁體 · EN, on the sign-in page, registration and the header (docs/i18n.md). */
export function LanguageSwitch({ testId }: { testId?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented
      size="small"
      value={lang}
      aria-label={t('app.language')}
      // 繁體 loads its words first; when that chunk cannot be fetched (offline) the language stays and says why.
      onChange={(v) => setLang(v as Lang).catch(() => void message.error(t('error.NETWORK')))}
      options={OPTIONS.map((o) => ({ value: o.value, label: <span lang={o.value === 'zh' ? 'zh-CN' : o.value} title={o.title}>{o.label}</span> }))}
      data-testid={testId}
    />
  );
}
