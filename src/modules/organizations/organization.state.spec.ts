import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { ADMISSION_ACTIONS, ADMISSION_TRANSITIONS, AdmissionStatus, nextAdmissionStatus } from './organization.state';

const ALL: AdmissionStatus[] = ['applied', 'in_review', 'public_notice', 'active', 'suspended', 'revoked', 'rejected', 'withdrawn'];

describe('provider admission state table', () => {
  it('walks the happy path applied → active', () => {
    let s: AdmissionStatus = 'applied';
    s = nextAdmissionStatus(s, 'start_review');
    s = nextAdmissionStatus(s, 'approve_for_notice');
    s = nextAdmissionStatus(s, 'activate');
    expect(s).toBe('active');
    expect(nextAdmissionStatus('active', 'suspend')).toBe('suspended');
    expect(nextAdmissionStatus('suspended', 'reinstate')).toBe('active');
    expect(nextAdmissionStatus('suspended', 'revoke')).toBe('revoked');
  });

  it('refuses every pair not in the table with ILLEGAL_TRANSITION', () => {
    let refused = 0;
    for (const status of ALL) {
      for (const action of ADMISSION_ACTIONS) {
        const allowed = ADMISSION_TRANSITIONS[action].from.includes(status);
        if (allowed) {
          expect(nextAdmissionStatus(status, action)).toBe(ADMISSION_TRANSITIONS[action].to);
        } else {
          refused += 1;
          try {
            nextAdmissionStatus(status, action);
            throw new Error(`expected ${action} from ${status} to be refused`);
          } catch (err) {
            expect(err).toBeInstanceOf(DomainError);
            expect((err as DomainError).code).toBe(ErrorCode.IllegalTransition);
            expect((err as DomainError).status).toBe(409);
          }
        }
      }
    }
    expect(refused).toBe(ALL.length * ADMISSION_ACTIONS.length - 14);
  });

  it('has terminal states with no way out', () => {
    for (const terminal of ['revoked', 'rejected', 'withdrawn'] as AdmissionStatus[]) {
      expect(ADMISSION_ACTIONS.filter((a) => ADMISSION_TRANSITIONS[a].from.includes(terminal))).toEqual([]);
    }
  });
});
