import { defineLifecycle } from '../../platform/state/state-machine';
import { ProgramStatus } from './program.entity';

export type ProgramEvent = 'open' | 'close';

/** 创新券项目 voucher programme: drafted, opened for applications, closed. */
export const PROGRAM_STATES = defineLifecycle<ProgramStatus, ProgramEvent>({
  key: 'voucher_program',
  module: 'programs',
  subject: 'programme',
  title: '创新券项目 voucher programme',
  states: ['draft', 'open', 'closed'],
  events: { prefix: 'program', naming: 'action' },
  transitions: {
    open: { from: ['draft'], to: 'open', emits: 'program.opened' },
    close: { from: ['open'], to: 'closed', emits: 'program.closed' },
  },
});
