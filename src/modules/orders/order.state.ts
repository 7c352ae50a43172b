import { defineLifecycle } from '../../platform/state/state-machine';

/** Service order (使用): the enterprise orders a catalogue service and pays part with a voucher. */
export type OrderStatus = 'created' | 'accepted' | 'declined' | 'delivered' | 'confirmed' | 'disputed' | 'claimed' | 'settled' | 'cancelled' | 'rejected';
export type OrderEvent = 'accept' | 'decline' | 'cancel' | 'deliver' | 'confirm' | 'dispute' | 'claim' | 'unclaim' | 'reject' | 'settle' | 'lapse' | 'void';

export const ORDER_STATES = defineLifecycle<OrderStatus, OrderEvent>({
  key: 'service_order',
  module: 'orders',
  subject: 'service order',
  title: '服务订单 service order',
  states: ['created', 'accepted', 'declined', 'delivered', 'confirmed', 'disputed', 'claimed', 'settled', 'cancelled', 'rejected'],
  events: { prefix: 'service_order' },
  transitions: {
    accept: { from: ['created'], to: 'accepted' }, // 卖家接单
    decline: { from: ['created'], to: 'declined' },
    cancel: { from: ['created', 'accepted'], to: 'cancelled' },
    // A disputed delivery is corrected and recorded again.
    deliver: { from: ['accepted', 'disputed'], to: 'delivered' },
    confirm: { from: ['delivered'], to: 'confirmed' },
    dispute: { from: ['delivered'], to: 'disputed' },
    claim: { from: ['confirmed'], to: 'claimed' },
    // A withdrawn claim hands the order back.
    unclaim: { from: ['claimed'], to: 'confirmed' },
    reject: { from: ['claimed'], to: 'rejected' },
    settle: { from: ['claimed'], to: 'settled' },
    // Past the programme's redeem-by date an unclaimed order lapses and its hold is released.
    lapse: { from: ['created', 'accepted', 'delivered', 'confirmed', 'disputed'], to: 'cancelled', emits: 'service_order.lapsed' },
    // Misconduct (失信) recorded by the paying region cancels an unclaimed order and releases its hold (docs/domain.md, "Misconduct").
    void: { from: ['created', 'accepted', 'delivered', 'confirmed', 'disputed'], to: 'cancelled', emits: 'service_order.voided' },
  },
});

/** Orders whose subsidy is still held on the voucher. */
export const HOLDING_STATUSES: OrderStatus[] = ['created', 'accepted', 'delivered', 'confirmed', 'disputed', 'claimed'];

/** Orders misconduct cancels: holding, and not yet claimed (a claimed order's money is the claim review's to decide). */
export const VOIDABLE_STATUSES: OrderStatus[] = ['created', 'accepted', 'delivered', 'confirmed', 'disputed'];
