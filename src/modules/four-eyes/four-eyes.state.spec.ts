import { DomainError } from '../../platform/errors/domain-error';
import { FOUR_EYES_STATES, FourEyesStatus } from './four-eyes.state';

describe('four-eyes request state table', () => {
  it('a pending request is confirmed or cancelled, once', () => {
    expect(FOUR_EYES_STATES.next('pending', 'confirm')).toBe('confirmed');
    expect(FOUR_EYES_STATES.next('pending', 'cancel')).toBe('cancelled');
  });

  it('a decided request accepts nothing more (409 ILLEGAL_TRANSITION)', () => {
    for (const decided of ['confirmed', 'cancelled'] as FourEyesStatus[]) {
      for (const event of FOUR_EYES_STATES.events) {
        expect(FOUR_EYES_STATES.can(decided, event)).toBe(false);
        expect(() => FOUR_EYES_STATES.next(decided, event)).toThrow(DomainError);
        try {
          FOUR_EYES_STATES.next(decided, event);
        } catch (err) {
          expect((err as DomainError).status).toBe(409);
        }
      }
    }
  });
});
