import { defineLifecycle } from '../../platform/state/state-machine';
import { ProgramStatus } from './program.entity';

export type ProgramEvent = 'edit' | 'open' | 'amend' | 'top_up' | 'close';

/** 创新券项目 voucher programme: drafted, opened for applications, closed. */
export const PROGRAM_STATES = defineLifecycle<ProgramStatus, ProgramEvent>({
  key: 'voucher_program',
  module: 'programs',
  subject: 'programme',
  title: '创新券项目 voucher programme',
  states: ['draft', 'open', 'closed'],
  events: { prefix: 'program', naming: 'action' },
  transitions: {
    edit: { from: ['draft'], to: 'draft', emits: 'program.edited' },
    open: { from: ['draft'], to: 'open', emits: 'program.opened' },
    amend: { from: ['open'], to: 'open', emits: 'program.amended' },
    top_up: { from: ['open'], to: 'open', emits: 'program.topped_up' },
    close: { from: ['open'], to: 'closed', emits: 'program.closed' },
  },
});
