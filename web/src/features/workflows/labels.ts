import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { knownLabel } from '../../app/widgets/labels';

/** A workflow or stage key in the reader's language (the seeded ones are translated; others show their key). */
export function useWorkflowLabels() {
  const { t } = useI18n();
  return useMemo(() => ({ workflow: (key: string) => knownLabel(t, 'workflow.name', key), stage: (key: string) => knownLabel(t, 'workflow.stage', key) }), [t]);
}
