import { DomainError, ErrorCode } from '../errors/domain-error';

/** One allowed move: from any of `from`, the action leads to `to`. */
export interface TransitionRule<S extends string> {
  from: readonly S[];
  to: S;
  /** The domain event (audit action) the move records; defaults to the lifecycle's naming rule. */
  emits?: string;
  /** Name of a guard in the lifecycle's `guards`; checked when `next` is given a context. */
  guard?: string;
}

export type TransitionTable<S extends string, A extends string> = Record<A, TransitionRule<S>>;

/**
 * A lifecycle declared as data (docs/lifecycles.md is generated from these declarations):
 * its states, the allowed transitions and the event each one emits.
 */
export interface LifecycleDeclaration<S extends string, A extends string, C = never> {
  /** Stable identifier, e.g. 'voucher_application'. */
  key: string;
  /** The module that owns the lifecycle. */
  module: string;
  /** Used in refusals: "Cannot <action> a <subject> that is <state>". */
  subject: string;
  /** A line for people (Chinese term first where there is one). */
  title: string;
  states: readonly S[];
  /** Where a new subject starts (the first state when omitted). */
  initial?: readonly S[];
  transitions: TransitionTable<S, A>;
  /** Default event of a transition: `<prefix>.<to>` (naming 'to', the default) or `<prefix>.<action>`. */
  events: { prefix: string; naming?: 'to' | 'action' };
  /** Named predicates over a context the caller passes to `next`. */
  guards?: Record<string, { description: string; test: (context: C) => boolean }>;
  /** How a refusal reads, where a lifecycle's wording predates this helper (clients and tests rely on it). */
  refusal?: {
    message?: (current: S, action: A) => string;
    detailKey?: 'event' | 'action';
    details?: (current: S, action: A, allowedFrom: readonly S[]) => Record<string, unknown>;
  };
}

/** A transition as data, for the API, the portal and the generated diagrams. */
export interface TransitionDescription {
  action: string;
  from: string[];
  to: string;
  emits: string;
  guard?: string;
  guardDescription?: string;
}

export interface LifecycleDescription {
  key: string;
  module: string;
  subject: string;
  title: string;
  states: string[];
  initial: string[];
  /** States no transition leaves. */
  final: string[];
  transitions: TransitionDescription[];
}

/** Any lifecycle, whatever its states, for registries and table-driven tests. */
export interface AnyLifecycle {
  readonly key: string;
  readonly states: readonly string[];
  readonly events: string[];
  next(current: string, action: string): string;
  can(current: string, action: string): boolean;
  emits(action: string): string;
  describe(): LifecycleDescription;
}

/**
 * An explicit table of allowed transitions. Anything not in the table is an illegal
 * transition: 409 ILLEGAL_TRANSITION, with the current state and what would have been allowed.
 */
export class StateMachine<S extends string, A extends string, C = never> {
  constructor(readonly declaration: LifecycleDeclaration<S, A, C>) {
    for (const [action, rule] of Object.entries<TransitionRule<S>>(declaration.transitions)) {
      for (const state of [...rule.from, rule.to]) {
        if (!declaration.states.includes(state)) throw new Error(`Lifecycle ${declaration.key}: ${action} names an undeclared state ${state}`);
      }
      if (rule.guard && !declaration.guards?.[rule.guard]) throw new Error(`Lifecycle ${declaration.key}: ${action} names an undeclared guard ${rule.guard}`);
    }
  }

  get key(): string {
    return this.declaration.key;
  }

  get subject(): string {
    return this.declaration.subject;
  }

  get table(): TransitionTable<S, A> {
    return this.declaration.transitions;
  }

  get states(): readonly S[] {
    return this.declaration.states;
  }

  get events(): A[] {
    return Object.keys(this.declaration.transitions) as A[];
  }

  /** The state `action` leads to from `current`; 409 ILLEGAL_TRANSITION when the table (or a guard, given a context) refuses. */
  next(current: S, action: A, context?: C): S {
    const rule = this.table[action];
    if (!rule.from.includes(current)) {
      const { message, detailKey = 'event', details } = this.declaration.refusal ?? {};
      throw new DomainError(
        ErrorCode.IllegalTransition,
        message ? message(current, action) : `Cannot ${action.replace(/_/g, ' ')} a ${this.subject} that is ${current}`,
        details ? details(current, action, rule.from) : { current, [detailKey]: action, allowedFrom: rule.from },
      );
    }
    if (rule.guard && context !== undefined) {
      const guard = this.declaration.guards![rule.guard];
      if (!guard.test(context)) {
        throw new DomainError(ErrorCode.IllegalTransition, `Cannot ${action.replace(/_/g, ' ')} a ${this.subject} that is ${current}: ${guard.description}`, {
          current,
          event: action,
          guard: rule.guard,
        });
      }
    }
    return rule.to;
  }

  can(current: S, action: A): boolean {
    return this.table[action].from.includes(current);
  }

  /** The domain event the transition records. */
  emits(action: A): string {
    const rule = this.table[action];
    if (rule.emits) return rule.emits;
    const { prefix, naming = 'to' } = this.declaration.events;
    return `${prefix}.${naming === 'to' ? rule.to : action}`;
  }

  describe(): LifecycleDescription {
    const d = this.declaration;
    const transitions = this.events.map((action): TransitionDescription => {
      const rule = this.table[action];
      return {
        action,
        from: [...rule.from],
        to: rule.to,
        emits: this.emits(action),
        ...(rule.guard ? { guard: rule.guard, guardDescription: d.guards![rule.guard].description } : {}),
      };
    });
    return {
      key: d.key,
      module: d.module,
      subject: d.subject,
      title: d.title,
      states: [...d.states],
      initial: [...(d.initial ?? d.states.slice(0, 1))],
      final: d.states.filter((s) => !transitions.some((t) => t.from.includes(s))),
      transitions,
    };
  }
}

/** Declares a lifecycle; type parameters come from the declaration. */
export function defineLifecycle<S extends string, A extends string, C = never>(declaration: LifecycleDeclaration<S, A, C>): StateMachine<S, A, C> {
  return new StateMachine(declaration);
}
