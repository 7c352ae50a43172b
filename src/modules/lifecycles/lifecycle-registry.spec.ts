import { DomainError } from '../../platform/errors/domain-error';
import { LIFECYCLES } from './lifecycle-registry';

describe('every declared lifecycle', () => {
  it('has a unique key and unique states', () => {
    const keys = LIFECYCLES.map((l) => l.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const l of LIFECYCLES) expect(new Set(l.states).size).toBe(l.states.length);
  });

  describe.each(LIFECYCLES.map((l) => [l.key, l] as const))('%s', (_key, lifecycle) => {
    const pairs = lifecycle.states.flatMap((state) => lifecycle.events.map((action) => [state, action] as const));
    const declared = lifecycle.describe().transitions;

    it('allows every declared transition and lands where the table says', () => {
      for (const t of declared) for (const from of t.from) expect(lifecycle.next(from, t.action)).toBe(t.to);
    });

    it('refuses every other (state, action) pair with 409 ILLEGAL_TRANSITION', () => {
      let refused = 0;
      for (const [state, action] of pairs) {
        if (declared.find((t) => t.action === action)!.from.includes(state)) continue;
        refused += 1;
        expect(lifecycle.can(state, action)).toBe(false);
        let error: unknown;
        try {
          lifecycle.next(state, action);
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).status).toBe(409);
        expect((error as DomainError).code).toBe('ILLEGAL_TRANSITION');
        expect((error as DomainError).message).toContain(state);
      }
      expect(refused).toBe(pairs.length - declared.reduce((n, t) => n + t.from.length, 0));
    });

    it('names an event for every transition', () => {
      for (const t of declared) expect(t.emits).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
    });
  });
});
