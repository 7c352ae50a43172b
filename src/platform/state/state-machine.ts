import { DomainError, ErrorCode } from '../errors/domain-error';

export type TransitionTable<S extends string, E extends string> = Record<E, { from: readonly S[]; to: S }>;

/**
 * An explicit table of allowed transitions. Anything not in the table is an illegal
 * transition: 409 ILLEGAL_TRANSITION, with the current state and what would have been allowed.
 */
export class StateMachine<S extends string, E extends string> {
  constructor(
    readonly subject: string,
    readonly table: TransitionTable<S, E>,
  ) {}

  next(current: S, event: E): S {
    const rule = this.table[event];
    if (!rule.from.includes(current)) {
      throw new DomainError(ErrorCode.IllegalTransition, `Cannot ${event.replace(/_/g, ' ')} a ${this.subject} that is ${current}`, {
        current,
        event,
        allowedFrom: rule.from,
      });
    }
    return rule.to;
  }

  can(current: S, event: E): boolean {
    return this.table[event].from.includes(current);
  }

  get events(): E[] {
    return Object.keys(this.table) as E[];
  }
}
