import { Role } from '../../platform/context/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { SEEDED_DEFINITIONS, validateDefinition } from './workflow-definition';

function problems(fn: () => void): { field: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).details as { field: string; message: string }[];
  }
  return [];
}

describe('workflow definition validation', () => {
  it('accepts every seeded definition', () => {
    for (const def of SEEDED_DEFINITIONS) expect(() => validateDefinition(def)).not.toThrow();
  });

  it('names every seeded workflow and stage in English too', () => {
    const missing = SEEDED_DEFINITIONS.flatMap((def) => [def, ...def.stages].filter((x) => !x.nameEn?.trim() || /[\u4e00-\u9fff]/.test(x.nameEn)).map((x) => `${def.key}:${x.key}`));
    expect(missing).toEqual([]);
    const stage = (key: string, stageKey: string) => SEEDED_DEFINITIONS.find((d) => d.key === key)?.stages.find((s) => s.key === stageKey)?.nameEn;
    expect(stage('voucher_application', 'district_review')).toBe('District S&T bureau first review');
    expect(stage('provider_admission', 'public_notice')).toBe('Public notice (7 days)');
  });

  it('refuses a review stage without a decider or a scope', () => {
    expect(problems(() => validateDefinition({ stages: [{ key: 'r', name: 'R', kind: 'review' }] }))).toEqual([
      { field: 'stages[0].deciderRoles', message: 'a review stage needs at least one decider role' },
      { field: 'stages[0].regionScope', message: 'a review stage needs a region scope' },
    ]);
  });

  it('refuses duplicate keys, bad reminders, timers without duration and objection timers without an earlier review', () => {
    const found = problems(() =>
      validateDefinition({
        stages: [
          { key: 't', name: 'T', kind: 'timer', objectionsStop: true },
          { key: 'r', name: 'R', kind: 'review', deciderRoles: [Role.Reviewer], regionScope: 'subject_district', sla: { durationSeconds: 60, remindAtFraction: 1.5 } },
          { key: 'r', name: 'R2', kind: 'review', deciderRoles: [Role.Approver], regionScope: 'subject_city' },
        ],
      }),
    ).map((p) => p.field);
    expect(found).toEqual(['stages[0].timerSeconds', 'stages[0].objectionsStop', 'stages[1].sla.remindAtFraction', 'stages[2].key']);
  });

  it('needs at least one review unless the workflow auto-approves', () => {
    expect(problems(() => validateDefinition({ stages: [{ key: 'p', name: 'P', kind: 'precheck' }] }))).toEqual([
      { field: 'stages', message: 'a workflow needs at least one review stage' },
    ]);
  });
});
