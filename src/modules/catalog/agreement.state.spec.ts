import { AGREEMENT_TRANSITIONS, AgreementAction, AgreementStatus, nextAgreementStatus } from './catalog.state';

const STATUSES: AgreementStatus[] = ['draft', 'partially_signed', 'in_force', 'superseded', 'terminated', 'withdrawn'];
const ACTIONS = Object.keys(AGREEMENT_TRANSITIONS) as AgreementAction[];

/** Recognition agreement versions (docs/security.md, "Recognition agreements"). */
describe('recognition agreement state table', () => {
  it('only a draft takes a first signature, only a partially signed version the second', () => {
    expect(nextAgreementStatus('draft', 'sign')).toBe('partially_signed');
    expect(nextAgreementStatus('partially_signed', 'complete_signatures')).toBe('in_force');
    for (const status of STATUSES.filter((s) => s !== 'draft')) expect(() => nextAgreementStatus(status, 'sign')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    expect(() => nextAgreementStatus('draft', 'complete_signatures')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('terms change only before the version binds, and a change makes it a draft again', () => {
    expect(nextAgreementStatus('draft', 'edit_terms')).toBe('draft');
    expect(nextAgreementStatus('partially_signed', 'edit_terms')).toBe('draft');
    for (const status of ['in_force', 'superseded', 'terminated', 'withdrawn'] as AgreementStatus[]) {
      expect(() => nextAgreementStatus(status, 'edit_terms')).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    }
  });

  it('superseded, terminated and withdrawn are final', () => {
    for (const final of ['superseded', 'terminated', 'withdrawn'] as AgreementStatus[]) {
      for (const action of ACTIONS) expect(() => nextAgreementStatus(final, action)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    }
  });

  it('allows exactly the listed pairs', () => {
    let allowed = 0;
    for (const status of STATUSES) {
      for (const action of ACTIONS) {
        if (AGREEMENT_TRANSITIONS[action].from.includes(status)) {
          allowed += 1;
          expect(nextAgreementStatus(status, action)).toBe(AGREEMENT_TRANSITIONS[action].to);
        } else {
          expect(() => nextAgreementStatus(status, action)).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
        }
      }
    }
    expect(allowed).toBe(9);
  });
});
