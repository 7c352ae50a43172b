/**
 * Which slot of a live roadshow is presenting (当前路演), the same rule on the server (questions, "interested")
 * and in the portal (the agenda's highlight between events): the slot an organiser set, else the slot whose
 * time window holds `now`, else none.
 */
export interface TimedSlot {
  id: string;
  startsAt: string;
  endsAt: string;
}

export interface Presenting {
  slotId: string | null;
  /** organiser: set by an organiser; schedule: from the slot times; null: nobody presents. */
  source: 'organiser' | 'schedule' | null;
}

export function presentingSlot(slots: readonly TimedSlot[], organiserSlotId: string | null, now: number): Presenting {
  if (organiserSlotId && slots.some((s) => s.id === organiserSlotId)) return { slotId: organiserSlotId, source: 'organiser' };
  const current = slots.find((s) => Date.parse(s.startsAt) <= now && now < Date.parse(s.endsAt));
  return current ? { slotId: current.id, source: 'schedule' } : { slotId: null, source: null };
}
