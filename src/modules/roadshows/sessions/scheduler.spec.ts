import { schedule, SchedulerProject, SchedulerSession, slotCount } from './scheduler';

const T0 = Date.UTC(2026, 2, 10, 1, 0); // 09:00 Asia/Shanghai
const MIN = 60_000;

function session(id: string, startMin: number, slots: number, themes: string[] = [], extra: Partial<SchedulerSession> = {}): SchedulerSession {
  return {
    id,
    startsAt: T0 + startMin * MIN,
    endsAt: T0 + (startMin + slots * 15) * MIN,
    slotMinutes: 15,
    themeIndustries: themes,
    occupiedSlotIndices: [],
    presentProjectIds: [],
    audienceFocus: {},
    ...extra,
  };
}

function project(id: string, industry: string, extra: Partial<SchedulerProject> = {}): SchedulerProject {
  return { id, industry, availability: [], busy: [], interest: 0, submittedAt: 0, ...extra };
}

const OPTIONS = { minGapMinutes: 30 };

/** Deterministic shuffle (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('roadshow scheduler', () => {
  it('builds the slot grid from the window and the pitch + Q&A length', () => {
    expect(slotCount({ startsAt: 0, endsAt: 100 * MIN, slotMinutes: 15 })).toBe(6);
    expect(slotCount({ startsAt: 0, endsAt: 10 * MIN, slotMinutes: 15 })).toBe(0);
  });

  it('gives every reason and every refusal as a code with parameters, and the English from the same code', () => {
    const sessions = [session('s', 0, 1, ['new_materials'])];
    const projects = [project('first', 'new_materials', { interest: 5 }), project('second', 'new_materials', { interest: 1 }), project('bio', 'biomedicine')];
    const result = schedule(sessions, projects, OPTIONS);
    expect(result.placements[0].reasonCodes).toEqual([
      { code: 'theme_match', params: { industry: 'new_materials' } },
      { code: 'availability_open', params: {} },
      { code: 'interest_rank', params: { interest: 5, rank: 1, of: 3 } },
      { code: 'preferred_slot', params: {} },
    ]);
    expect(result.placements[0].reasons[2]).toBe('investor interest 5 (rank 1 of 3)');
    expect(result.unplaced.map((u) => [u.projectId, u.code, u.params])).toEqual([
      ['second', 'slots_full', { slots: 1, rank: 2, of: 3, busyElsewhere: 0, interest: 1 }],
      ['bio', 'no_theme_match', { industry: 'biomedicine' }],
    ]);
  });

  it('places by theme and availability, and explains every placement', () => {
    const sessions = [session('s-materials', 0, 2, ['new_materials']), session('s-bio', 0, 2, ['biomedicine'])];
    const projects = [
      project('p1', 'new_materials', { interest: 3 }),
      project('p2', 'biomedicine', { availability: [{ from: T0 + 15 * MIN, to: T0 + 30 * MIN }] }),
    ];
    const result = schedule(sessions, projects, OPTIONS);
    expect(result.placements.map((p) => `${p.projectId}@${p.sessionId}#${p.slotIndex}`)).toEqual(['p1@s-materials#0', 'p2@s-bio#1']);
    expect(result.placements[0].reasons).toEqual(
      expect.arrayContaining(['theme match: new_materials is a theme of the session', 'investor interest 3 (rank 1 of 2)', 'its most preferred free slot']),
    );
    expect(result.placements[1].reasons).toContain('inside the presenters’ declared availability');
    expect(result.unplaced).toEqual([]);
    expect(result.stats).toEqual({ projects: 2, placed: 2, freeSlotsBefore: 4, freeSlotsAfter: 2 });
  });

  it('says why each unplaced project was not placed', () => {
    const sessions = [session('s1', 0, 1, ['new_materials']), session('s2', 60, 1, ['ai'])];
    const projects = [
      project('winner', 'new_materials', { interest: 5 }),
      project('loser', 'new_materials', { interest: 1 }),
      project('no-theme', 'biomedicine'),
      project('unavailable', 'ai', { availability: [{ from: T0 + 200 * MIN, to: T0 + 300 * MIN }] }),
      project('busy', 'ai', { busy: [{ from: T0 + 55 * MIN, to: T0 + 70 * MIN }] }),
    ];
    const result = schedule(sessions, projects, OPTIONS);
    expect(result.placements.map((p) => p.projectId)).toEqual(['winner']);
    const codes = Object.fromEntries(result.unplaced.map((u) => [u.projectId, u.code]));
    expect(codes).toEqual({ loser: 'slots_full', 'no-theme': 'no_theme_match', unavailable: 'not_available', busy: 'presenter_busy' });
    expect(result.unplaced.find((u) => u.projectId === 'loser')?.reason).toMatch(/went to projects ranked higher \(this one ranks 2 of 5/);
  });

  it('moves a placed project to another suitable slot rather than leave one out (augmenting path)', () => {
    // 'flexible' ranks first and prefers slot 0; 'fixed' can only pitch in slot 0.
    const sessions = [session('s', 0, 2)];
    const projects = [
      project('flexible', 'ai', { interest: 9 }),
      project('fixed', 'ai', { interest: 1, availability: [{ from: T0, to: T0 + 15 * MIN }] }),
    ];
    const result = schedule(sessions, projects, OPTIONS);
    expect(result.placements.map((p) => `${p.projectId}#${p.slotIndex}`)).toEqual(['fixed#0', 'flexible#1']);
    expect(result.placements.find((p) => p.projectId === 'flexible')?.reasons).toContain('its choice 2 of 2: preferred slots went to others');
  });

  it('gives scarce slots to projects with more investor interest', () => {
    const sessions = [session('s', 0, 2)];
    const projects = ['a', 'b', 'c', 'd'].map((id, i) => project(id, 'ai', { interest: i, submittedAt: 100 - i }));
    const result = schedule(sessions, projects, OPTIONS);
    expect(result.placements.map((p) => p.projectId).sort()).toEqual(['c', 'd']);
    expect(result.unplaced.map((u) => u.projectId)).toEqual(['b', 'a']);
  });

  it('gives every project its turn before one that already presents elsewhere gets a second slot', () => {
    const busy = [{ from: T0 + 600 * MIN, to: T0 + 615 * MIN }];
    const result = schedule([session('s', 0, 1)], [project('again', 'ai', { interest: 9, busy }), project('first-time', 'ai')], OPTIONS);
    expect(result.placements.map((p) => p.projectId)).toEqual(['first-time']);
    expect(result.unplaced[0].reason).toMatch(/ranks 2 of 2, after projects without a slot elsewhere/);
  });

  it('skips occupied slots and projects already in the session', () => {
    const sessions = [session('s', 0, 3, [], { occupiedSlotIndices: [0], presentProjectIds: ['here'] })];
    const result = schedule(sessions, [project('here', 'ai'), project('new', 'ai')], OPTIONS);
    expect(result.placements.map((p) => `${p.projectId}#${p.slotIndex}`)).toEqual(['new#1']);
    expect(result.unplaced).toEqual([expect.objectContaining({ projectId: 'here', code: 'no_theme_match' })]);
  });

  it('avoids a short gap to the presenter’s other slot when it can, and warns when it cannot', () => {
    const busy = [{ from: T0 - 15 * MIN, to: T0 }]; // a slot elsewhere ending at 09:00
    const avoid = schedule([session('s', 0, 4)], [project('p', 'ai', { busy })], OPTIONS);
    expect(avoid.placements[0]).toMatchObject({ slotIndex: 2, warnings: [] });
    const forced = schedule([session('s', 0, 1)], [project('p', 'ai', { busy })], OPTIONS);
    expect(forced.placements[0].warnings).toEqual(['short_gap: only 0 min between this slot and another slot of the project']);
  });

  it('prefers sessions whose RSVP’d investors focus on the project’s industry', () => {
    const sessions = [session('early', 0, 1), session('late', 120, 1, [], { audienceFocus: { biomedicine: 4 } })];
    const result = schedule(sessions, [project('p', 'biomedicine')], OPTIONS);
    expect(result.placements[0]).toMatchObject({ sessionId: 'late' });
    expect(result.placements[0].reasons).toContain('4 RSVP’d investor(s) focus on biomedicine');
  });

  it('is deterministic: shuffled input gives the identical schedule', () => {
    const industries = ['ai', 'biomedicine', 'new_materials'];
    const sessions = Array.from({ length: 6 }, (_, i) => session(`s${i}`, (i % 3) * 60, 4, [industries[i % 3]]));
    const projects = Array.from({ length: 40 }, (_, i) =>
      project(`p${String(i).padStart(2, '0')}`, industries[i % 3], {
        interest: i % 4,
        submittedAt: 1000 - (i % 5),
        availability: i % 2 ? [{ from: T0, to: T0 + 90 * MIN }] : [],
      }),
    );
    const first = schedule(sessions, projects, OPTIONS);
    for (const seed of [1, 2, 3]) {
      expect(schedule(shuffled(sessions, seed), shuffled(projects, seed * 7), OPTIONS)).toEqual(first);
    }
    // ai 8 of 8 slots; biomedicine 8 of 8; new_materials 7: its sessions start at 11:00, after the odd projects' window.
    expect(first.placements).toHaveLength(23);
  });

  it('places as many projects as a brute-force maximum matching (small random instances)', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const sessions = shuffled([session('a', 0, 2, ['x']), session('b', 0, 2, ['y']), session('c', 30, 2, [])], seed);
      const projects = Array.from({ length: 7 }, (_, i) => {
        const r = shuffled([0, 1, 2, 3, 4, 5], seed * 31 + i);
        return project(`p${i}`, r[0] % 2 ? 'x' : 'y', { availability: [{ from: T0 + r[1] * 15 * MIN, to: T0 + (r[1] + 1 + (r[2] % 3)) * 15 * MIN }] });
      });
      const result = schedule(sessions, projects, OPTIONS);
      expect(result.placements.length).toBe(bruteForceMaximum(sessions, projects));
      // Hard rules hold: one project per slot, one slot per project.
      expect(new Set(result.placements.map((p) => `${p.sessionId}#${p.slotIndex}`)).size).toBe(result.placements.length);
      expect(new Set(result.placements.map((p) => p.projectId)).size).toBe(result.placements.length);
    }
  });
});

function bruteForceMaximum(sessions: SchedulerSession[], projects: SchedulerProject[]): number {
  const slots: { s: SchedulerSession; from: number; to: number }[] = [];
  for (const s of sessions) for (let i = 0; i < slotCount(s); i += 1) slots.push({ s, from: s.startsAt + i * 15 * MIN, to: s.startsAt + (i + 1) * 15 * MIN });
  const fits = (p: SchedulerProject, k: number) => {
    const { s, from, to } = slots[k];
    return (s.themeIndustries.length === 0 || s.themeIndustries.includes(p.industry)) && p.availability.some((w) => w.from <= from && to <= w.to);
  };
  let best = 0;
  const used = new Set<number>();
  const go = (i: number, placed: number) => {
    if (placed + (projects.length - i) <= best) return;
    if (i === projects.length) {
      best = Math.max(best, placed);
      return;
    }
    for (let k = 0; k < slots.length; k += 1) {
      if (used.has(k) || !fits(projects[i], k)) continue;
      used.add(k);
      go(i + 1, placed + 1);
      used.delete(k);
    }
    go(i + 1, placed);
  };
  go(0, 0);
  return best;
}
