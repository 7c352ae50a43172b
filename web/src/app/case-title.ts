import { caseTitleText, type CaseTitleParams } from '@shared/case-title';
import { useI18n } from './i18n';

/**
 * An approval case's title in the reader's language (packages/shared/case-title.ts): the case's numbers and names in
 * the words of `caseTitle.<subjectType>`; a case without title values keeps its stored title.
 */
export function useCaseTitle(): (c: { subjectType: string; title: string; titleParams?: CaseTitleParams | null }) => string {
  const { t, lang } = useI18n();
  return (c) => caseTitleText(c, { t, has: (key) => t(key) !== key, english: lang === 'en' });
}
