import { presentingSlot } from './roadshow-live';

const slots = [
  { id: 'a', startsAt: '2030-01-01T01:00:00Z', endsAt: '2030-01-01T01:15:00Z' },
  { id: 'b', startsAt: '2030-01-01T01:15:00Z', endsAt: '2030-01-01T01:30:00Z' },
];

describe('presentingSlot: the organiser’s choice, else the slot times', () => {
  it('follows the slot times when nobody advanced', () => {
    expect(presentingSlot(slots, null, Date.parse('2030-01-01T01:14:59Z'))).toEqual({ slotId: 'a', source: 'schedule' });
    expect(presentingSlot(slots, null, Date.parse('2030-01-01T01:15:00Z'))).toEqual({ slotId: 'b', source: 'schedule' });
    expect(presentingSlot(slots, null, Date.parse('2030-01-01T01:30:00Z'))).toEqual({ slotId: null, source: null });
  });
  it('the organiser’s choice wins while the slot exists', () => {
    expect(presentingSlot(slots, 'b', Date.parse('2030-01-01T01:00:00Z'))).toEqual({ slotId: 'b', source: 'organiser' });
    expect(presentingSlot(slots, 'gone', Date.parse('2030-01-01T01:00:00Z'))).toEqual({ slotId: 'a', source: 'schedule' });
  });
});
