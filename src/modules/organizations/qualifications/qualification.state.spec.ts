import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { QUALIFICATION_STATES, QualificationAction, QualificationStatus } from './qualification.state';

describe('qualification state table', () => {
  it('declared → in_review → verified | rejected; verified → revoked; nothing else', () => {
    expect(QUALIFICATION_STATES.next('declared', 'start_review')).toBe('in_review');
    expect(QUALIFICATION_STATES.next('in_review', 'verify')).toBe('verified');
    expect(QUALIFICATION_STATES.next('in_review', 'reject')).toBe('rejected');
    expect(QUALIFICATION_STATES.next('in_review', 'return_for_changes')).toBe('declared');
    expect(QUALIFICATION_STATES.next('verified', 'revoke')).toBe('revoked');
    const illegal: [QualificationStatus, QualificationAction][] = [
      ['declared', 'verify'], // nobody verifies without a review
      ['rejected', 'verify'],
      ['revoked', 'verify'],
      ['revoked', 'revoke'],
      ['declared', 'revoke'],
      ['in_review', 'revoke'],
      ['verified', 'reject'],
      ['withdrawn', 'start_review'],
    ];
    for (const [from, action] of illegal) {
      let error: unknown;
      try {
        QUALIFICATION_STATES.next(from, action);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.IllegalTransition);
    }
  });
});
