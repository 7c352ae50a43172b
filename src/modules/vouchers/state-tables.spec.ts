import { DomainError } from '../../platform/errors/domain-error';
import { StateMachine } from '../../platform/state/state-machine';
import { CLAIM_STATES } from '../redemptions/claim.state';
import { ORDER_STATES } from '../orders/order.state';
import { BATCH_STATES } from '../settlement/settlement.state';
import { APPLICATION_STATES, VOUCHER_STATES } from './voucher.state';

function exhaustive<S extends string, E extends string>(machine: StateMachine<S, E>, states: S[]): { allowed: number; refused: number } {
  let allowed = 0;
  let refused = 0;
  for (const s of states) {
    for (const e of machine.events) {
      if (machine.can(s, e)) {
        allowed += 1;
        expect(machine.next(s, e)).toBe(machine.table[e].to);
      } else {
        refused += 1;
        expect(() => machine.next(s, e)).toThrow(DomainError);
      }
    }
  }
  return { allowed, refused };
}

describe('state tables of the voucher lifecycle', () => {
  it('applications: draft → submitted → in_review → approved → issued, or rejected / returned / withdrawn', () => {
    const { allowed } = exhaustive(APPLICATION_STATES, ['draft', 'submitted', 'in_review', 'approved', 'issued', 'rejected', 'returned', 'withdrawn']);
    expect(allowed).toBe(15);
    expect(APPLICATION_STATES.can('issued', 'withdraw')).toBe(false);
    expect(APPLICATION_STATES.next('returned', 'submit')).toBe('submitted');
  });

  it('vouchers cannot come back once expired or revoked', () => {
    exhaustive(VOUCHER_STATES, ['active', 'exhausted', 'expired', 'revoked']);
    for (const e of VOUCHER_STATES.events) {
      expect(VOUCHER_STATES.can('expired', e)).toBe(false);
      expect(VOUCHER_STATES.can('revoked', e)).toBe(false);
    }
  });

  it('orders: a settled order is final; cancelling is possible only before delivery', () => {
    exhaustive(ORDER_STATES, ['created', 'accepted', 'declined', 'delivered', 'confirmed', 'disputed', 'claimed', 'settled', 'cancelled', 'rejected']);
    expect(ORDER_STATES.can('delivered', 'cancel')).toBe(false);
    for (const e of ORDER_STATES.events) expect(ORDER_STATES.can('settled', e)).toBe(false);
    try {
      ORDER_STATES.next('settled', 'cancel');
    } catch (err) {
      expect((err as DomainError).status).toBe(409);
      expect((err as DomainError).details).toEqual({ current: 'settled', event: 'cancel', allowedFrom: ['created', 'accepted'] });
    }
  });

  it('claims are paid once and only after approval; batches move strictly forward', () => {
    exhaustive(CLAIM_STATES, ['submitted', 'in_review', 'approved', 'paid', 'rejected', 'returned', 'withdrawn', 'clawed_back', 'recovered']);
    expect(CLAIM_STATES.next('clawed_back', 'recover')).toBe('recovered');
    for (const e of CLAIM_STATES.events) expect(CLAIM_STATES.can('recovered', e)).toBe(false);
    expect(CLAIM_STATES.can('paid', 'pay')).toBe(false);
    expect(CLAIM_STATES.can('submitted', 'pay')).toBe(false);
    const { allowed } = exhaustive(BATCH_STATES, ['open', 'closed', 'approved', 'paid', 'reconciled']);
    expect(allowed).toBe(4);
  });
});
