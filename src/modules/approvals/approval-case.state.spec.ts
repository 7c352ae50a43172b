import { DomainError } from '../../platform/errors/domain-error';
import { CASE_TRANSITIONS, CaseEvent, CaseStatus, nextCaseStatus } from './approval-case.state';

const STATUSES: CaseStatus[] = ['open', 'prechecking', 'in_review', 'waiting', 'returned', 'approved', 'rejected', 'withdrawn'];

describe('approval case state table', () => {
  it('closed cases accept no event at all', () => {
    for (const closed of ['approved', 'rejected', 'withdrawn'] as CaseStatus[]) {
      for (const event of Object.keys(CASE_TRANSITIONS) as CaseEvent[]) {
        expect(() => nextCaseStatus(closed, event)).toThrow(DomainError);
      }
    }
  });

  it('allows exactly the listed pairs', () => {
    let allowed = 0;
    for (const status of STATUSES) {
      for (const event of Object.keys(CASE_TRANSITIONS) as CaseEvent[]) {
        const ok = CASE_TRANSITIONS[event].from.includes(status);
        if (ok) {
          allowed += 1;
          expect(nextCaseStatus(status, event)).toBe(CASE_TRANSITIONS[event].to);
        } else {
          expect(() => nextCaseStatus(status, event)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
        }
      }
    }
    expect(allowed).toBe(Object.values(CASE_TRANSITIONS).reduce((n, r) => n + r.from.length, 0));
  });

  it('a returned case can be resubmitted or withdrawn by the applicant, or rejected by a deadline, never approved', () => {
    expect(nextCaseStatus('returned', 'resubmit')).toBe('open');
    expect(nextCaseStatus('returned', 'withdraw')).toBe('withdrawn');
    expect(() => nextCaseStatus('returned', 'approve')).toThrow(DomainError);
  });
});
