import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { CHANGE_REQUEST_STATES, ChangeRequestEvent, ChangeRequestStatus, OPEN_CHANGE_REQUEST_STATUSES } from './controller-group-change.state';

describe('controller group change request state table', () => {
  it('submitted → in_review → approved | rejected | returned; returned → submitted; open ones may be withdrawn', () => {
    expect(CHANGE_REQUEST_STATES.next('submitted', 'start_review')).toBe('in_review');
    expect(CHANGE_REQUEST_STATES.next('in_review', 'approve')).toBe('approved');
    expect(CHANGE_REQUEST_STATES.next('in_review', 'reject')).toBe('rejected');
    expect(CHANGE_REQUEST_STATES.next('in_review', 'return')).toBe('returned');
    expect(CHANGE_REQUEST_STATES.next('returned', 'resubmit')).toBe('submitted');
    for (const open of OPEN_CHANGE_REQUEST_STATUSES) expect(CHANGE_REQUEST_STATES.next(open, 'withdraw')).toBe('withdrawn');
  });

  it('a decided request never moves again (an approval applies once), and a returned one is not approved without a new review', () => {
    const illegal: [ChangeRequestStatus, ChangeRequestEvent][] = [
      ['approved', 'approve'],
      ['approved', 'reject'],
      ['approved', 'withdraw'],
      ['rejected', 'approve'],
      ['withdrawn', 'resubmit'],
      ['returned', 'approve'],
      ['in_review', 'start_review'],
    ];
    for (const [from, event] of illegal) {
      expect(CHANGE_REQUEST_STATES.can(from, event)).toBe(false);
      expect(() => CHANGE_REQUEST_STATES.next(from, event)).toThrow(DomainError);
      try {
        CHANGE_REQUEST_STATES.next(from, event);
      } catch (err) {
        expect((err as DomainError).code).toBe(ErrorCode.IllegalTransition);
      }
    }
  });
});
