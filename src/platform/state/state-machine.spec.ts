import { DomainError } from '../errors/domain-error';
import { defineLifecycle, StateMachine } from './state-machine';

type Door = 'closed' | 'open' | 'locked';
type DoorAction = 'open' | 'close' | 'lock' | 'unlock';

const DOOR = defineLifecycle<Door, DoorAction, { hasKey: boolean }>({
  key: 'door',
  module: 'test',
  subject: 'door',
  title: 'A door',
  states: ['closed', 'open', 'locked'],
  events: { prefix: 'door' },
  guards: { has_key: { description: 'only with the key', test: (c) => c.hasKey } },
  transitions: {
    open: { from: ['closed'], to: 'open', emits: 'door.opened' },
    close: { from: ['open'], to: 'closed' },
    lock: { from: ['closed'], to: 'locked', guard: 'has_key' },
    unlock: { from: ['locked'], to: 'closed', guard: 'has_key' },
  },
});

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('defineLifecycle', () => {
  it('moves along declared transitions and refuses every other pair with 409 ILLEGAL_TRANSITION', () => {
    expect(DOOR.next('closed', 'open')).toBe('open');
    const err = refusal(() => DOOR.next('locked', 'open'));
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('ILLEGAL_TRANSITION');
    expect(err.message).toBe('Cannot open a door that is locked');
    expect(err.details).toEqual({ current: 'locked', event: 'open', allowedFrom: ['closed'] });
  });

  it('checks a guard only when given a context', () => {
    expect(DOOR.next('closed', 'lock')).toBe('locked');
    expect(DOOR.next('closed', 'lock', { hasKey: true })).toBe('locked');
    const err = refusal(() => DOOR.next('closed', 'lock', { hasKey: false }));
    expect(err.code).toBe('ILLEGAL_TRANSITION');
    expect(err.message).toBe('Cannot lock a door that is closed: only with the key');
    expect(err.details).toEqual({ current: 'closed', event: 'lock', guard: 'has_key' });
  });

  it('names the event of each transition: declared, or <prefix>.<to> / <prefix>.<action>', () => {
    expect(DOOR.emits('open')).toBe('door.opened');
    expect(DOOR.emits('close')).toBe('door.closed');
    const byAction = defineLifecycle<Door, 'open'>({ ...DOOR.declaration, events: { prefix: 'gate', naming: 'action' }, guards: undefined, transitions: { open: { from: ['closed'], to: 'open' } } });
    expect(byAction.emits('open')).toBe('gate.open');
  });

  it('keeps a refusal wording a lifecycle already had', () => {
    const custom = defineLifecycle<Door, 'open'>({
      ...DOOR.declaration,
      guards: undefined,
      refusal: { message: (current, action) => `A door that is ${current} cannot ${action}`, detailKey: 'action' },
      transitions: { open: { from: ['closed'], to: 'open' } },
    });
    const err = refusal(() => custom.next('locked', 'open'));
    expect(err.message).toBe('A door that is locked cannot open');
    expect(err.details).toEqual({ current: 'locked', action: 'open', allowedFrom: ['closed'] });
  });

  it('may shape the refusal details too', () => {
    const custom = defineLifecycle<Door, 'open'>({
      ...DOOR.declaration,
      guards: undefined,
      refusal: { message: (current) => `This door is already ${current}`, details: (current) => ({ current }) },
      transitions: { open: { from: ['closed'], to: 'open' } },
    });
    const err = refusal(() => custom.next('open', 'open'));
    expect(err.message).toBe('This door is already open');
    expect(err.details).toEqual({ current: 'open' });
  });

  it('describes itself as data: initial and final states, transitions with events and guards', () => {
    expect(DOOR.describe()).toEqual({
      key: 'door',
      module: 'test',
      subject: 'door',
      title: 'A door',
      states: ['closed', 'open', 'locked'],
      initial: ['closed'],
      final: [],
      transitions: [
        { action: 'open', from: ['closed'], to: 'open', emits: 'door.opened' },
        { action: 'close', from: ['open'], to: 'closed', emits: 'door.closed' },
        { action: 'lock', from: ['closed'], to: 'locked', emits: 'door.locked', guard: 'has_key', guardDescription: 'only with the key' },
        { action: 'unlock', from: ['locked'], to: 'closed', emits: 'door.closed', guard: 'has_key', guardDescription: 'only with the key' },
      ],
    });
  });

  it('refuses a declaration that names an undeclared state or guard', () => {
    expect(() => new StateMachine<Door, 'open'>({ ...DOOR.declaration, guards: undefined, states: ['closed'], transitions: { open: { from: ['closed'], to: 'open' } } })).toThrow(/undeclared state open/);
    expect(() => new StateMachine<Door, 'open'>({ ...DOOR.declaration, guards: undefined, transitions: { open: { from: ['closed'], to: 'open', guard: 'nope' } } })).toThrow(/undeclared guard nope/);
  });
});
